package dev.sieve.sink.clickhouse;

import dev.sieve.sink.store.Hold;
import dev.sieve.sink.store.HoldStore;
import dev.sieve.sink.subject.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds in {@link SinkTables#LEGAL_HOLDS}, their identifier forms in {@link SinkTables#HOLD_IDENTIFIERS} (which every
 * TTL and erasure statement excludes through {@link HoldPredicate}), their audit in {@link SinkTables#HOLD_AUDIT}.
 * Identifiers go in as insert data, never as statement text (see {@link SubjectLookup}).
 */
final class ClickHouseHolds implements HoldStore {

    private static final List<String> HOLD_COLUMNS = List.of("hold_id", "subject_id", "device_id", "placed_by",
            "placed_at", "reason");

    private final ClickHouseGateway ch;
    private final SchemaOptions options;

    ClickHouseHolds(ClickHouseGateway ch, SchemaOptions options) {
        this.ch = ch;
        this.options = options;
    }

    @Override
    public void place(Hold hold, Set<String> forms) {
        ch.insert(Tsv.insert(options.qualified(SinkTables.LEGAL_HOLDS), HOLD_COLUMNS, List.of(Arrays.asList(
                hold.holdId(), hold.subject().subjectId().orElse(null), hold.subject().deviceId().orElse(null),
                hold.placedBy(), Tsv.time(hold.placedAt()), hold.reason()))));
        addForms(hold.holdId(), forms);
    }

    @Override
    public void remove(String holdId) {
        for (String table : List.of(SinkTables.HOLD_IDENTIFIERS, SinkTables.LEGAL_HOLDS)) {
            ch.execute("ALTER TABLE " + options.qualified(table) + options.onCluster() + " DELETE WHERE hold_id = "
                    + SqlLiteral.string(holdId) + " SETTINGS mutations_sync = 2");
        }
    }

    @Override
    public List<Hold> list(Optional<String> holdId) {
        List<Hold> holds = new ArrayList<>();
        for (List<String> r : Tsv.parse(ch.query("SELECT hold_id, subject_id, device_id, placed_by,"
                + " toUnixTimestamp64Milli(placed_at), reason FROM " + options.qualified(SinkTables.LEGAL_HOLDS)
                + holdId.map(id -> " WHERE hold_id = " + SqlLiteral.string(id)).orElse("")
                + " ORDER BY placed_at, hold_id", "TSV"))) {
            holds.add(new Hold(r.get(0), new Subject(Optional.ofNullable(r.get(1)), Optional.ofNullable(r.get(2))),
                    r.get(3), Instant.ofEpochMilli(Long.parseLong(r.get(4))), r.get(5)));
        }
        return holds;
    }

    @Override
    public Set<String> forms(String holdId) {
        Set<String> out = new LinkedHashSet<>();
        Tsv.parse(ch.query("SELECT identifier FROM " + options.qualified(SinkTables.HOLD_IDENTIFIERS)
                + " WHERE hold_id = " + SqlLiteral.string(holdId), "TSV")).forEach(r -> out.add(r.get(0)));
        return out;
    }

    @Override
    public void addForms(String holdId, Set<String> forms) {
        if (forms.isEmpty()) {
            return;
        }
        ch.insert(Tsv.insert(options.qualified(SinkTables.HOLD_IDENTIFIERS), List.of("identifier", "hold_id"),
                forms.stream().map(id -> List.of(id, holdId)).toList()));
    }

    @Override
    public void record(String holdId, String event, String actor, Instant at, String reason) {
        ch.execute("INSERT INTO " + options.qualified(SinkTables.HOLD_AUDIT) + " (hold_id, event, actor, at, reason)"
                + " VALUES (" + SqlLiteral.string(holdId) + ", " + SqlLiteral.string(event) + ", "
                + SqlLiteral.string(actor) + ", " + SqlLiteral.time(at) + ", " + SqlLiteral.string(reason) + ")");
    }
}
