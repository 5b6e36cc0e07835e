package dev.sieve.sink.hold;

import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SinkTables;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.ddl.Tsv;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import dev.sieve.sink.write.RegionEndpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legal holds in force, region by region, as {@link LegalHolds} recorded them in {@link SinkTables#LEGAL_HOLDS}.
 * Reading them needs no pseudonymization keys. The subject is part of each hold: callers decide whether to show it.
 */
public final class ActiveHolds {

    /** One hold as placed. */
    public record Hold(String holdId, Subject subject, String placedBy, Instant placedAt, String reason) {}

    private final SchemaOptions options;
    private final RegionEndpoints endpoints;

    public ActiveHolds(SchemaOptions options, RegionEndpoints endpoints) {
        this.options = options;
        this.endpoints = endpoints;
    }

    /** By region, oldest first. */
    public Map<String, List<Hold>> byRegion() {
        return query("");
    }

    /** By region: the hold with this id, where it is in force. */
    public Map<String, List<Hold>> withId(String holdId) {
        return query(" WHERE hold_id = " + SqlLiteral.string(holdId));
    }

    private Map<String, List<Hold>> query(String where) {
        Map<String, List<Hold>> out = new LinkedHashMap<>();
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            List<Hold> holds = new ArrayList<>();
            for (List<String> r : Tsv.parse(e.getValue().query("SELECT hold_id, subject_id, device_id, placed_by,"
                    + " toUnixTimestamp64Milli(placed_at), reason FROM " + options.qualified(SinkTables.LEGAL_HOLDS)
                    + where + " ORDER BY placed_at, hold_id", "TSV"))) {
                holds.add(new Hold(r.get(0), new Subject(Optional.ofNullable(r.get(1)), Optional.ofNullable(r.get(2))),
                        r.get(3), Instant.ofEpochMilli(Long.parseLong(r.get(4))), r.get(5)));
            }
            out.put(e.getKey(), holds);
        }
        return out;
    }
}
