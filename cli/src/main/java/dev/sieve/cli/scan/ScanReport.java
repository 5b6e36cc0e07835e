package dev.sieve.cli.scan;

import dev.sieve.sink.scan.ScannedColumns;
import dev.sieve.sink.scan.StoredIdentifiers;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code sieve scan} prints: a tab-separated line per finding under a header (none when nothing is found),
 * then one summary line that says what was and was not scanned. Names and counts only, never a value.
 */
public record ScanReport(List<StoredIdentifiers.Found> found, ScannedColumns columns, int regions) {

    public void write(PrintWriter out) {
        if (!found.isEmpty()) {
            out.println("region\ttable\tcolumn\trecognizer\tvalues");
            found.forEach(f -> out.println(f.region() + "\t" + f.table() + "\t" + f.column() + "\t"
                    + f.recognizer() + "\t" + f.count()));
        }
        out.println((found.isEmpty() ? "no identifier found" : found.size()
                + (found.size() == 1 ? " finding" : " findings")) + ": scanned " + columns.scanned().size()
                + " columns in " + regions + (regions == 1 ? " region" : " regions") + "; not scanned: "
                + columns.pseudonyms() + " pseudonym columns (a CHECK constraint enforces their form), "
                + columns.typed() + " typed columns (times, numbers, addresses)");
    }
}
