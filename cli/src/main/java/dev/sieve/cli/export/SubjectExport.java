package dev.sieve.cli.export;

import dev.sieve.cli.JsonText;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.subject.Subject;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Subject access (policy 4): every stored row of the subject, from every table and region
 * ({@link SinkOperations#export}: raw identifiers and the pseudonyms of every key epoch), as JSON lines
 * {@code {"region":"cn-north","table":"service_device","row":{...}}}, the row exactly as ClickHouse returned it.
 * This output is the one place the command line prints a subject's data: it is what the subject asked for.
 */
public final class SubjectExport {

    /** What was written. */
    public record Summary(long rows, int tables, int regions) {}

    /** Region → table → the subject's rows as JSON lines ({@link SinkOperations#export}). */
    @FunctionalInterface
    public interface Rows {
        Map<String, Map<String, String>> of(Subject subject) throws KeyException;
    }

    private final Rows access;

    public SubjectExport(Rows access) {
        this.access = access;
    }

    public Summary write(Subject subject, Writer out) throws IOException, KeyException {
        long rows = 0;
        int tables = 0;
        int regions = 0;
        for (Map.Entry<String, Map<String, String>> region : access.of(subject).entrySet()) {
            if (!region.getValue().isEmpty()) {
                regions++;
            }
            for (Map.Entry<String, String> table : region.getValue().entrySet()) {
                tables++;
                String prefix = "{\"region\":" + JsonText.quote(region.getKey()) + ",\"table\":" + JsonText.quote(table.getKey())
                        + ",\"row\":";
                for (String line : (Iterable<String>) table.getValue().lines()::iterator) {
                    if (!line.isBlank()) {
                        out.write(prefix + line + "}\n");
                        rows++;
                    }
                }
            }
        }
        out.flush();
        return new Summary(rows, tables, regions);
    }
}
