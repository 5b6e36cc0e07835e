package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.QuarantineRecord;
import dev.sieve.sink.store.QuarantineStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Readers' grants on a quarantined purpose's tables ({@link Grants#revokeReaders}, {@link Grants#grantReaders}:
 * statements naming roles and tables, nothing else), and the audit trail in {@link SinkTables#QUARANTINE_AUDIT}, rows
 * of this region only (two regions may share one server).
 */
final class ClickHouseQuarantines implements QuarantineStore {

    private static final String COLUMNS = "purpose, event, reason, changed_by, toUnixTimestamp64Milli(changed_at),"
            + " toUnixTimestamp64Milli(recorded_at), grants, detail";

    private final String region;
    private final ClickHouseGateway ch;
    private final SchemaOptions options;
    private final TableCatalog catalog;

    ClickHouseQuarantines(String region, ClickHouseGateway ch, SchemaOptions options, TableCatalog catalog) {
        this.region = region;
        this.ch = ch;
        this.options = options;
        this.catalog = catalog;
    }

    @Override
    public void revokeReaders(String purpose) {
        Grants.revokeReaders(catalog, options, purpose).forEach(ch::execute);
    }

    @Override
    public void grantReaders(String purpose) {
        Grants.grantReaders(catalog, options, purpose).forEach(ch::execute);
    }

    @Override
    public void record(QuarantineRecord r) {
        ch.execute("INSERT INTO " + options.qualified(SinkTables.QUARANTINE_AUDIT) + " (purpose, region, event, reason,"
                + " changed_by, changed_at, recorded_at, grants, detail) VALUES (" + SqlLiteral.string(r.purpose())
                + ", " + SqlLiteral.string(region) + ", " + SqlLiteral.string(r.event()) + ", "
                + SqlLiteral.string(r.reason()) + ", " + SqlLiteral.string(r.changedBy()) + ", "
                + SqlLiteral.time(r.changedAt()) + ", " + SqlLiteral.time(r.recordedAt()) + ", "
                + SqlLiteral.string(r.grants()) + ", " + SqlLiteral.string(r.detail()) + ")");
    }

    @Override
    public Optional<QuarantineRecord> latest(String purpose) {
        List<List<String>> rows = Tsv.parse(ch.query("SELECT " + COLUMNS + " FROM "
                + options.qualified(SinkTables.QUARANTINE_AUDIT) + " WHERE purpose = " + SqlLiteral.string(purpose)
                + " AND region = " + SqlLiteral.string(region) + " ORDER BY recorded_at DESC LIMIT 1", "TSV"));
        return rows.stream().findFirst().map(r -> new QuarantineRecord(r.get(0), r.get(1), r.get(2), r.get(3),
                Instant.ofEpochMilli(Long.parseLong(r.get(4))), Instant.ofEpochMilli(Long.parseLong(r.get(5))),
                r.get(6), r.get(7)));
    }
}
