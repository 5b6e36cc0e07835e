package dev.sieve.cli.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdlCommandTest {

    @TempDir
    Path dir;

    @Test
    void showPrintsTheMigrationsWithoutConnectingOrNeedingKeys() throws Exception {
        CliRun run = CliRun.of("ddl", "show", "--config", OpsConfig.write(dir));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("CREATE DATABASE IF NOT EXISTS sieve;\n\nCREATE TABLE IF NOT EXISTS"
                + " sieve.sink_legal_holds\n");
    }

    @Test
    void grantsShowPrintsTheRolesFirst() throws Exception {
        CliRun run = CliRun.of("grants", "show", "--config", OpsConfig.write(dir));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("CREATE ROLE IF NOT EXISTS sieve_analyst;\n\n")
                .contains("GRANT SELECT ON system.tables TO sieve_sink_admin;\n");
    }

    @Test
    void withoutAConfigurationItSaysHowToGiveOne() {
        CliRun run = CliRun.of("ddl", "show");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("1 problem in the command line:\n"
                + "  no configuration: pass --config FILE or set SIEVE_SINK_CONFIG\n");
    }

    @Test
    void aRegionThatCannotBeReachedIsReportedAndFailsTheCommand() throws Exception {
        CliRun run = CliRun.of("ddl", "apply", "--config", OpsConfig.write(dir));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("cn-north: failed after 0 of ").contains(" statements: ClickHouse unreachable: ");
        assertThat(run.err()).isEqualTo("ddl apply failed in cn-north; the statements are idempotent: run it again"
                + " once the cause is fixed\n");
    }

    @Test
    void everyOperatorCommandAndGroupHasHelp() {
        for (String[] args : new String[][] {{"ddl", "--help"}, {"ddl", "apply", "-h"}, {"retention", "set", "--help"},
                {"legal-hold", "add", "--help"}, {"erase", "--help"}, {"erase", "status", "--help"},
                {"export", "--help"}, {"grants", "show", "--help"}}) {
            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).startsWith("Usage: sieve " + String.join(" ", java.util.Arrays.copyOf(args,
                    args.length - 1)) + " ");
        }
    }
}
