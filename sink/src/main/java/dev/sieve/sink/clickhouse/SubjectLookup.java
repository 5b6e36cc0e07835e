package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.IdentifierRole;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.SubjectRows;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One subject's identifier forms, stored in {@link SinkTables#SUBJECT_LOOKUP} for the duration of one operation
 * (an erasure, an export) in one ClickHouse, so that statements can find the subject's rows without naming it.
 *
 * <p>Why not literals or query parameters: ClickHouse keeps every statement's text in {@code system.query_log}
 * with query parameters already substituted, and a mutation's command in {@code system.mutations} likewise
 * (checked with ClickHouse 26.9: {@code DELETE WHERE a IN {ids:Array(String)}} is kept as
 * {@code DELETE WHERE a IN _CAST(['x'], 'Array(String)')}). The forms therefore enter ClickHouse only as the
 * data of an insert, which neither log keeps, and every statement refers to them by subquery under a random
 * lookup id. {@link #close()} deletes them with a synchronous mutation, so no copy outlives the operation.
 *
 * <p>Each form is stored under a scope, {@code <column>:raw} or {@code <column>:<purpose>}, so a column is only
 * compared with the forms its table can hold (a raw device id never matches a subject column).
 */
final class SubjectLookup implements SubjectRows {

    private static final List<String> COLUMNS = List.of("lookup_id", "scope", "identifier");
    private static final String RAW = "raw";

    private final String region;
    private final ClickHouseGateway ch;
    private final SchemaOptions options;
    private final String id;

    private SubjectLookup(String region, ClickHouseGateway ch, SchemaOptions options, String id) {
        this.region = region;
        this.ch = ch;
        this.options = options;
        this.id = id;
    }

    /** Stores every form of the subject under a new lookup id; close the lookup when done. */
    static SubjectLookup open(String region, ClickHouseGateway ch, SchemaOptions options,
            SubjectIdentifiers identifiers, Subject subject) {
        String id = UUID.randomUUID().toString();
        Set<List<String>> rows = new LinkedHashSet<>();
        subject.subjectId().ifPresent(s -> rows.add(List.of(id, scope("subject_id", RAW), s)));
        subject.deviceId().ifPresent(d -> rows.add(List.of(id, scope("device_id", RAW), d)));
        for (TableLayout t : identifiers.catalog().tables()) {
            for (Map.Entry<Column, Set<String>> e : identifiers.forTable(t, subject).entrySet()) {
                for (String form : e.getValue()) {
                    rows.add(List.of(id, scope(t, e.getKey()), form));
                }
            }
        }
        ch.insert(Tsv.insert(options.qualified(SinkTables.SUBJECT_LOOKUP), COLUMNS, new ArrayList<>(rows)));
        return new SubjectLookup(region, ch, options, id);
    }

    /** Counts, then deletes with a mutation ({@code mutations_sync = 2}: on every replica before it returns). */
    @Override
    public long erase(TableLayout table) {
        Optional<String> where = rowsOf(table, true).map(w -> w + ofRegion(table));
        if (where.isEmpty()) {
            return 0;
        }
        long count = count(table, where.get());
        if (count > 0) {
            ch.execute("ALTER TABLE " + options.storage(table.name()) + options.onCluster() + " DELETE WHERE "
                    + where.get() + " SETTINGS mutations_sync = 2");
        }
        return count;
    }

    @Override
    public long redactPeer(TableLayout table, String column, String replacement) {
        String where = holdsSubjectId(column) + HoldPredicate.notHeld(table, options).map(h -> " AND " + h).orElse("")
                + ofRegion(table);
        long count = count(table, where);
        if (count > 0) {
            ch.execute("ALTER TABLE " + options.storage(table.name()) + options.onCluster() + " UPDATE " + column
                    + " = " + SqlLiteral.string(replacement) + " WHERE " + where + " SETTINGS mutations_sync = 2");
        }
        return count;
    }

    /** Streamed from ClickHouse ({@code JSONEachRow}, one row a line) to {@code rows}, line by line. */
    @Override
    public long export(TableLayout table, Optional<String> app, RowConsumer rows) throws IOException {
        Optional<String> where = rowsOf(table, false);
        if (where.isEmpty()) {
            return 0;
        }
        String ofApp = app.map(a -> " AND " + TableLayout.APP_ID + " = " + SqlLiteral.string(a)).orElse("");
        long[] count = {0};
        try {
            ch.query("SELECT * FROM " + options.qualified(table.name()) + " WHERE " + where.get() + ofApp
                    + " ORDER BY " + String.join(", ", table.orderBy()), "JSONEachRow",
                    result -> count[0] += copyLines(result, rows));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count[0];
    }

    /** Each non-blank line of {@code result} to {@code rows}, whose failures go unchecked, as the gateway asks. */
    private static long copyLines(InputStream result, RowConsumer rows) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(result, StandardCharsets.UTF_8));
        long n = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isBlank()) {
                try {
                    rows.accept(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                n++;
            }
        }
        return n;
    }

    private long count(TableLayout table, String where) {
        return Long.parseLong(ch.query("SELECT count() FROM " + options.qualified(table.name()) + " WHERE " + where,
                "TSV").strip());
    }

    /**
     * {@code AND region = '<id>'} for a table with a region column (a table without one is the region's): each
     * region's erasure deletes and counts only its own rows when two regions share one server.
     */
    private String ofRegion(TableLayout t) {
        return t.column(TableLayout.REGION).isPresent()
                ? " AND " + TableLayout.REGION + " = " + SqlLiteral.string(region) : "";
    }

    /**
     * {@code (c1 IN (<forms>) OR c2 IN (<forms>)) AND <not held>}: the subject's rows in the table that no hold
     * protects; empty if the subject cannot be in the table.
     */
    Optional<String> rowsOf(TableLayout table, boolean excludeHeld) {
        List<String> matches = new ArrayList<>();
        for (Column c : table.identifierColumns()) {
            matches.add(c.name() + " IN " + forms(scope(table, c)));
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        String where = "(" + String.join(" OR ", matches) + ")";
        if (excludeHeld) {
            where += HoldPredicate.notHeld(table, options).map(h -> " AND " + h).orElse("");
        }
        return Optional.of(where);
    }

    /** {@code <column> IN (<the raw subject id>)}: the subject named in another column, such as a peer account. */
    String holdsSubjectId(String column) {
        return column + " IN " + forms(scope("subject_id", RAW));
    }

    @Override
    public boolean held() {
        return !ch.query("SELECT 1 FROM " + options.qualified(SinkTables.HOLD_IDENTIFIERS) + " WHERE identifier IN"
                + " (SELECT identifier FROM " + options.qualified(SinkTables.SUBJECT_LOOKUP) + " WHERE lookup_id = "
                + SqlLiteral.string(id) + ") LIMIT 1", "TSV").isBlank();
    }

    /** Deletes the stored forms; the mutation is synchronous, so they are gone from disk when this returns. */
    @Override
    public void close() {
        ch.execute("ALTER TABLE " + options.qualified(SinkTables.SUBJECT_LOOKUP) + options.onCluster()
                + " DELETE WHERE lookup_id = " + SqlLiteral.string(id) + " SETTINGS mutations_sync = 2");
    }

    private String forms(String scope) {
        return "(SELECT identifier FROM " + options.qualified(SinkTables.SUBJECT_LOOKUP) + " WHERE lookup_id = "
                + SqlLiteral.string(id) + " AND scope = " + SqlLiteral.string(scope) + ")";
    }

    private static String scope(TableLayout table, Column c) {
        return scope(c.name(), c.identifier() == IdentifierRole.RAW ? RAW : table.purpose().id());
    }

    private static String scope(String column, String form) {
        return column + ":" + form;
    }
}
