package dev.sieve.sink.clickhouse;

import dev.sieve.sink.audit.StoreAudit;
import dev.sieve.sink.clickhouse.audit.ClickHouseAudit;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.ErasureStore;
import dev.sieve.sink.store.HoldStore;
import dev.sieve.sink.store.Migration;
import dev.sieve.sink.store.QuarantineStore;
import dev.sieve.sink.store.RetentionStore;
import dev.sieve.sink.store.RowEncoder;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.StoreTarget;
import dev.sieve.sink.store.StoredValues;
import dev.sieve.sink.store.SubjectRows;
import dev.sieve.sink.store.SunsetStore;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One region's {@link Store} on ClickHouse, through a {@link ClickHouseGateway} (client-v2 for servers, the embedded
 * engine in tests): tables from {@link Migrations}, rows in RowBinary, retention as TTLs, holds and erasure state in
 * the {@link SinkTables}.
 */
public final class ClickHouseStore implements Store {

    /**
     * The writer batches itself, which is what asynchronous inserts do for clients that cannot. With them the server
     * would merge the sink's batches with other clients' (and acknowledge before storing unless it waits), and
     * ClickHouse documents their deduplication ({@code async_insert_deduplicate}) for replicated tables only: a
     * single-node deployment would lose its exactly-once replays. The embedded engine (chDB) has no queue for them:
     * it accepts {@code async_insert=1} and inserts synchronously, one part per insert, so they cannot help there.
     */
    static final Map<String, String> INSERT_SETTINGS = Map.of("async_insert", "0");

    private final String region;
    private final StoreTarget target;
    private final ClickHouseGateway ch;
    private final SchemaOptions options;
    private final TableCatalog catalog;
    private final ClickHouseRetention retention;
    private final ClickHouseHolds holds;
    private final ClickHouseErasures erasures;
    private final ClickHouseSunsets sunsets;
    private final ClickHouseValues values;
    private final ClickHouseQuarantines quarantines;

    /** A store whose tables no other region's store writes into: its inserts carry its region's rows only. */
    public ClickHouseStore(String region, ClickHouseGateway ch, SchemaOptions options, TableCatalog catalog) {
        this(region, "region " + region, ch, options, catalog);
    }

    /**
     * @param endpoint the ClickHouse the gateway talks to, as the user it connects as (e.g. URL and user): the
     *                 stores of regions that name the same endpoint, with the same schema options, write into the
     *                 same tables, and their rows of a batch are inserted together
     */
    public ClickHouseStore(String region, String endpoint, ClickHouseGateway ch, SchemaOptions options,
            TableCatalog catalog) {
        this.region = region;
        this.target = new StoreTarget(endpoint + " " + options.qualified("") + options.onCluster());
        this.ch = ch;
        this.options = options;
        this.catalog = catalog;
        this.retention = new ClickHouseRetention(ch, options);
        this.holds = new ClickHouseHolds(ch, options);
        this.erasures = new ClickHouseErasures(region, ch, options);
        this.sunsets = new ClickHouseSunsets(ch, options);
        this.values = new ClickHouseValues(region, ch, options);
        this.quarantines = new ClickHouseQuarantines(region, ch, options, catalog);
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public StoreTarget target() {
        return target;
    }

    @Override
    public void migrate() {
        for (String sql : Migrations.statements(catalog, options)) {
            ch.execute(sql);
        }
    }

    @Override
    public Migration migrateReporting() {
        return new ClickHouseMigration(region, ch, options).run(Migrations.statements(catalog, options));
    }

    @Override
    public RowEncoder encoder(TableLayout table) {
        return new RowBinaryEncoder(table);
    }

    @Override
    public void insert(TableLayout table, List<byte[]> rows, String dedupToken) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(rows.stream().mapToInt(r -> r.length).sum());
        rows.forEach(body::writeBytes);
        ch.insert(new InsertRequest(options.qualified(table.name()), RowBinaryEncoder.columns(table),
                RowBinaryEncoder.FORMAT, body.toByteArray(), settings(dedupToken)));
    }

    private Map<String, String> settings(String token) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(InsertRequest.DEDUPLICATION_TOKEN, token);
        settings.putAll(INSERT_SETTINGS);
        if (options.cluster().isPresent()) {
            // The Distributed table forwards the block (and its token) to the shards before acknowledging.
            settings.put("distributed_foreground_insert", "1");
        }
        return settings;
    }

    @Override
    public RetentionStore retention() {
        return retention;
    }

    @Override
    public HoldStore holds() {
        return holds;
    }

    @Override
    public ErasureStore erasures() {
        return erasures;
    }

    @Override
    public SunsetStore sunsets() {
        return sunsets;
    }

    @Override
    public QuarantineStore quarantines() {
        return quarantines;
    }

    @Override
    public StoredValues values() {
        return values;
    }

    @Override
    public SubjectRows find(Subject subject, SubjectIdentifiers identifiers) {
        return SubjectLookup.open(region, ch, options, identifiers, subject);
    }

    @Override
    public StoreAudit audit(String sinkUser, Set<String> quarantined) {
        return ClickHouseAudit.of(catalog, options, region, ch, sinkUser, quarantined);
    }

    @Override
    public void close() {
        ch.close();
    }
}
