package dev.sieve.sink.erasure;

import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SinkTables;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.ddl.Tsv;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.write.RegionEndpoints;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports how far an erasure request got, region by region, from the erasure audit table: each region reads its
 * own audit rows, so two regions whose ClickHouse is one server each report what they did.
 */
public final class ErasureStatus {

    /**
     * The latest audit event of a request in one region.
     *
     * @param event       {@code requested}, {@code deferred} or {@code completed}
     * @param at          when it was recorded
     * @param tables      tables rows were deleted from (for {@code completed})
     * @param rowsDeleted rows deleted (for {@code completed})
     */
    public record State(String event, Instant at, List<String> tables, long rowsDeleted) {}

    private final SchemaOptions options;
    private final RegionEndpoints endpoints;

    public ErasureStatus(SchemaOptions options, RegionEndpoints endpoints) {
        this.options = options;
        this.endpoints = endpoints;
    }

    /** By region; empty where the request is unknown. */
    public Map<String, Optional<State>> of(String requestId) {
        Map<String, Optional<State>> out = new LinkedHashMap<>();
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            List<List<String>> rows = Tsv.parse(e.getValue().query("SELECT event, toUnixTimestamp64Milli(at),"
                    + " arrayStringConcat(tables, ','), rows_deleted FROM " + options.qualified(SinkTables.ERASURE_AUDIT)
                    + " WHERE request_id = " + SqlLiteral.string(requestId) + " AND " + SinkTables.ofRegion(e.getKey())
                    + " ORDER BY at DESC, event = 'completed' DESC LIMIT 1", "TSV"));
            out.put(e.getKey(), rows.stream().findFirst().map(r -> new State(r.get(0),
                    Instant.ofEpochMilli(Long.parseLong(r.get(1))),
                    r.get(2).isEmpty() ? List.of() : List.of(r.get(2).split(",")), Long.parseLong(r.get(3)))));
        }
        return out;
    }
}
