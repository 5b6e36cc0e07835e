package dev.sieve.cli.sunset;

import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.sunset.SunsetMode;
import dev.sieve.sink.sunset.SunsetRequest;
import dev.sieve.sink.sunset.TableSunset;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve sunset <app> (--delete | --anonymize) --by WHO --reason WHY [--dry-run]}: the app ceased
 * operations; its ingest and server keys are revoked first ({@link KeyRevocation}: the collectors refuse them), then
 * its rows go from every table in every region, or lose every identifying value ({@link SinkOperations#sunset}).
 * Exit 1 when a table could not be handled.
 */
@Command(name = "sunset", description = "An app ceased operations: delete its"
        + " rows from every table in every region, or anonymize them. Legal holds are respected; every change is"
        + " audited in sink_sunset_audit.")
public final class SunsetCommand extends OperatorCommand {

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
    protected int run() throws InterruptedException {
        for (String[] value : List.of(new String[] {"APP", app}, new String[] {"--by", by},
                new String[] {"--reason", reason})) {
            if (value[1].isBlank()) {
                throw usage(value[0] + " must not be blank");
            }
        }
        SunsetRequest request = new SunsetRequest(UUID.randomUUID().toString(), app,
                mode.delete ? SunsetMode.DELETE : SunsetMode.ANONYMIZE, by, reason);
        if (!dryRun) {
            // Keys first: nothing new of the app arrives while its rows are removed.
            try (ControlPublisher publisher = new ControlPublisher(configuration().kafkaClient())) {
                new KeyRevocation(context().topics()).revoke(publisher, app, by, reason,
                        Clock.systemUTC().instant());
            }
            out().println("revoked the ingest and server keys of " + app + ": collectors refuse them from now on");
        }
        List<TableSunset> tables;
        try (SinkOperations sink = operations()) {
            tables = sink.sunset(request, dryRun);
        }
        out().print(SunsetReport.render(request, tables, dryRun));
        return tables.stream().allMatch(TableSunset::handled) ? 0 : 1;
    }
}
