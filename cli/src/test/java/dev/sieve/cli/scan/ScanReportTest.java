package dev.sieve.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.scan.ScannedColumns;
import dev.sieve.sink.scan.StoredIdentifiers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanReportTest {

    private static String write(List<StoredIdentifiers.Found> found) {
        StringWriter out = new StringWriter();
        new ScanReport(found, new ScannedColumns(List.of(), 3, 4), 2).write(new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void aLinePerFindingUnderAHeaderThenTheSummary() {
        assertThat(write(List.of(new StoredIdentifiers.Found("cn-north", "analytics_service_log", "page_url", "email",
                3)))).isEqualTo("""
                region\ttable\tcolumn\trecognizer\tvalues
                cn-north\tanalytics_service_log\tpage_url\temail\t3
                1 finding: scanned 0 columns in 2 regions; not scanned: 3 pseudonym columns (a CHECK constraint \
                enforces their form), 4 typed columns (times, numbers, addresses)
                """);
    }

    @Test
    void nothingFoundIsTheSummaryAlone() {
        assertThat(write(List.of())).startsWith("no identifier found: scanned 0 columns in 2 regions;")
                .doesNotContain("recognizer").hasLineCount(1);
    }
}
