package dev.sieve.cli.scan;

import dev.sieve.scrub.IdentifierScan;
import dev.sieve.cli.SieveCli;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.model.TableCatalog;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code sieve scan}: the anonymizer's recognizers over every stored value of every column the policy does not keep
 * ({@link ScannedColumns}), in every region; one line per region, table, column and recognizer that finds something,
 * with how many stored values hold it, never a value. Exit 1 when anything is found: a policy or scrubber regression
 * let an identifier through, or something wrote to the tables around the pipeline.
 */
@Command(name = "scan", description = "Look for identifiers in the stored values of every column the policy does not"
        + " keep, with the anonymizer's recognizers; report where and how many, never a value. Exit 1 when any is"
        + " found.")
public final class ScanCommand extends OperatorCommand {

    @Override
    protected int run() {
        TableCatalog catalog = context().catalog();
        ScannedColumns columns = ScannedColumns.of(catalog, IdentifierScan.forPolicy(catalog.policy()));
        try (SinkOperations sink = operations()) {
            List<String> regions = sink.regions();
            List<StoredIdentifiers.Found> found = new StoredIdentifiers(columns, sink::values).scan(regions);
            new ScanReport(found, columns, regions.size()).write(out());
            return found.isEmpty() ? SieveCli.OK : SieveCli.FAILED;
        }
    }
}
