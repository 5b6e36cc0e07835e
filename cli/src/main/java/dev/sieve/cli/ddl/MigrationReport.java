package dev.sieve.cli.ddl;

import dev.sieve.sink.store.Migration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ddl apply} prints of one region's {@link Migration}: its changes, then a summary. A region that failed
 * is reported with how far it got; the other regions still ran, and the statements are idempotent, so running again
 * after the cause is fixed finishes the job.
 */
final class MigrationReport {

    private MigrationReport() {}

    static List<String> lines(Migration r) {
        List<String> out = new ArrayList<>();
        r.changes().forEach(c -> out.add(r.region() + ": " + c));
        String summary = r.failure().map(f -> "failed after " + r.ran() + " of " + r.of() + " statements: " + f)
                .orElse(r.ran() + " statements run, " + (r.changes().isEmpty() ? "nothing changed"
                        : r.changes().size() + (r.changes().size() == 1 ? " change" : " changes")));
        out.add(r.region() + ": " + summary);
        return out;
    }
}
