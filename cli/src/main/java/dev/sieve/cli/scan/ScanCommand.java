package dev.sieve.cli.scan;

import dev.sieve.cli.SieveCli;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.scan.StoredIdentifiers;
import picocli.CommandLine.Command;

/**
 * {@code sieve scan}: the anonymizer's recognizers over every stored value of every column the policy does not keep,
 * in every region (the sink's scan, {@link SinkOperations#scanForIdentifiers}, which the sink also runs on a
 * schedule); one line per region, table, column and recognizer that finds something, with how many stored values
 * hold it, never a value. Exit 1 when anything is found: a policy or scrubber regression
 * let an identifier through, or something wrote to the tables around the pipeline.
 */
@Command(name = "scan", description = "Look for identifiers in the stored values of every column the policy does not"
        + " keep, with the anonymizer's recognizers; report where and how many, never a value. Exit 1 when any is"
        + " found.")
public final class ScanCommand extends OperatorCommand {

    @Override
    protected int run() {
        try (SinkOperations sink = operations()) {
            StoredIdentifiers.Result scan = sink.scanForIdentifiers();
            new ScanReport(scan.found(), scan.columns(), scan.regions()).write(out());
            return scan.found().isEmpty() ? SieveCli.OK : SieveCli.FAILED;
        }
    }
}
