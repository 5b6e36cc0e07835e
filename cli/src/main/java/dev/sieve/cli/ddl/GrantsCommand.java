package dev.sieve.cli.ddl;

import dev.sieve.cli.operate.HelpOption;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.sink.SinkOperations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sieve grants show}: the ClickHouse roles and grants of the policy ({@link SinkOperations#grants}), for a ClickHouse
 * administrator to run; the sink's own users cannot grant.
 */
@Command(name = "grants", description = "ClickHouse roles and grants from the policy.",
        subcommands = GrantsCommand.Show.class)
public final class GrantsCommand {

    @Mixin
    HelpOption help;

    @Command(name = "show", description = "Print the CREATE ROLE and GRANT statements (connects to nothing).")
    static final class Show extends OperatorCommand {
        @Override
        protected int run() {
            try (SinkOperations sink = operations()) {
                sink.grants().forEach(sql -> out().println(sql + ";\n"));
            }
            return 0;
        }
    }
}
