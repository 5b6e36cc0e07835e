package dev.sieve.cli.sunset;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.ConfigOption;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.port.ClickHouseFailure;
import dev.sieve.sink.write.RegionEndpoints;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sieve sunset <app> (--delete | --anonymize) --by WHO --reason WHY [--dry-run]}: the app ceased
 * operations; its rows go from every table in every region, or lose every identifying value ({@link Sunset}).
 * Exit 1 when a table could not be handled.
 */
@Command(name = "sunset", mixinStandardHelpOptions = true, description = "An app ceased operations: delete its"
        + " rows from every table in every region, or anonymize them. Legal holds are respected; every change is"
        + " audited in sink_sunset_audit.")
public final class SunsetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "APP", description = "The app id.")
    String app;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    /** Exactly one of the two. */
    static final class Mode {
        @Option(names = "--delete", required = true, description = "Delete every row of the app.")
        boolean delete;

        @Option(names = "--anonymize", required = true, description = "Clear every identifying value of the app's"
                + " rows (identifiers, pseudonyms, IP addresses, URLs, free text, lists); keep categories, versions,"
                + " numbers and times.")
        boolean anonymize;
    }

    @Option(names = "--by", required = true, paramLabel = "WHO", description = "Who asks for it (audited).")
    String by;

    @Option(names = "--reason", required = true, paramLabel = "WHY", description = "Why (audited).")
    String reason;

    @Option(names = "--dry-run", description = "Count what would change; change and audit nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        for (String[] value : List.of(new String[] {"APP", app}, new String[] {"--by", by},
                new String[] {"--reason", reason})) {
            if (value[1].isBlank()) {
                throw new ParameterException(spec.commandLine(), value[0] + " must not be blank");
            }
        }
        SinkContext context = config.context();
        SunsetRequest request = new SunsetRequest(UUID.randomUUID().toString(), app,
                mode.delete ? SunsetMode.DELETE : SunsetMode.ANONYMIZE, by, reason);
        List<TableSunset> tables;
        try (RegionEndpoints endpoints = new RegionEndpoints(context.gateways())) {
            tables = new Sunset(context.catalog(), context.config().schema(), endpoints,
                    new SunsetAudit(context.config().schema(), Clock.systemUTC())).run(request, dryRun);
        } catch (ClickHouseFailure e) {
            // Redacted by the gateway: ClickHouse's text without row values.
            throw CliFailure.failed("ClickHouse failed during sunset " + request.sunsetId() + ": " + e.getMessage()
                    + (dryRun ? "" : "; what was done is audited, and running the sunset again is safe"));
        }
        spec.commandLine().getOut().print(SunsetReport.render(request, tables, dryRun));
        return tables.stream().allMatch(TableSunset::handled) ? 0 : 1;
    }
}
