package dev.sieve.sink.clickhouse;

import java.util.List;

/**
 * Tables the sink owns beside the purpose tables: legal holds and the audit trails of retention changes,
 * holds, erasures, app sunsets and purpose quarantines. Audit tables have no TTL: they are the evidence that the policy was followed,
 * and hold no event data (erasure audit rows carry the request id, never the subject).
 */
public final class SinkTables {

    /** Active holds with the subject they cover; kept so new key epochs can be added to their identifiers. */
    public static final String LEGAL_HOLDS = "sink_legal_holds";
    /** Every identifier form (raw and pseudonyms) of every held subject; read by TTLs and erasure. */
    public static final String HOLD_IDENTIFIERS = "sink_legal_hold_identifiers";
    public static final String HOLD_AUDIT = "sink_legal_hold_audit";
    public static final String RETENTION_AUDIT = "sink_retention_audit";
    public static final String ERASURE_AUDIT = "sink_erasure_audit";
    /**
     * Erasures deferred by a legal hold, and completed erasures' follow-up sweeps: the subject's raw identifiers
     * stay here only until the erasure (or its sweep) has run, because only they can be searched for then.
     */
    public static final String ERASURE_PENDING = "sink_erasure_pending";
    /**
     * Every identifier form of the subject one erasure, export or hold check is about, under a random lookup id
     * for the duration of that one operation ({@link dev.sieve.sink.clickhouse.SubjectLookup}). Statements name the
     * lookup id and read the forms by subquery, so no identifier is ever part of a statement's text (ClickHouse
     * keeps that text in {@code system.query_log} and {@code system.mutations}); the rows are deleted when the
     * operation ends.
     */
    public static final String SUBJECT_LOOKUP = "sink_subject_lookup";
    /** What {@code sieve sunset} deleted or anonymized of an app, per region and table; names no subject. */
    public static final String SUNSET_AUDIT = "sink_sunset_audit";

    /** Every purpose quarantine and release the sink applied, per region, with what became of the readers' grants. */
    public static final String QUARANTINE_AUDIT = "sink_quarantine_audit";

    /** Every sink table, in creation order. */
    public static final List<String> NAMES = List.of(LEGAL_HOLDS, HOLD_IDENTIFIERS, HOLD_AUDIT, RETENTION_AUDIT,
            ERASURE_AUDIT, ERASURE_PENDING, SUNSET_AUDIT, SUBJECT_LOOKUP, QUARANTINE_AUDIT);

    private SinkTables() {}

    public static List<String> ddl(SchemaOptions o) {
        return List.of(
                create(o, LEGAL_HOLDS, """
                        hold_id String,
                            subject_id Nullable(String),
                            device_id Nullable(String),
                            placed_by String,
                            placed_at DateTime64(3, 'UTC'),
                            reason String""", "hold_id"),
                create(o, HOLD_IDENTIFIERS, """
                        identifier String,
                            hold_id String""", "(identifier, hold_id)"),
                create(o, HOLD_AUDIT, """
                        hold_id String,
                            event LowCardinality(String),
                            actor String,
                            at DateTime64(3, 'UTC'),
                            reason String""", "(hold_id, at)"),
                create(o, RETENTION_AUDIT, """
                        table_name LowCardinality(String),
                            outcome LowCardinality(String),
                            old_retention String,
                            new_retention String,
                            topic_retention_ms Nullable(Int64),
                            changed_by String,
                            changed_at DateTime64(3, 'UTC'),
                            recorded_at DateTime64(3, 'UTC'),
                            detail String""", "(table_name, recorded_at)"),
                create(o, ERASURE_AUDIT, """
                        request_id String,
                            region LowCardinality(String),
                            event LowCardinality(String),
                            requested_by String,
                            requested_at DateTime64(3, 'UTC'),
                            at DateTime64(3, 'UTC'),
                            tables Array(String),
                            rows_deleted UInt64,
                            detail String""", "(request_id, at)"),
                create(o, ERASURE_PENDING, """
                        request_id String,
                            region LowCardinality(String),
                            kind LowCardinality(String),
                            subject_id Nullable(String),
                            device_id Nullable(String),
                            requested_by String,
                            requested_at DateTime64(3, 'UTC'),
                            due_at DateTime64(3, 'UTC')""", "request_id"),
                sunsetAudit(o),
                create(o, SUBJECT_LOOKUP, """
                        lookup_id String,
                            scope LowCardinality(String),
                            identifier String""", "(lookup_id, scope)"),
                create(o, QUARANTINE_AUDIT, """
                        purpose LowCardinality(String),
                            region LowCardinality(String),
                            event LowCardinality(String),
                            reason String,
                            changed_by String,
                            changed_at DateTime64(3, 'UTC'),
                            recorded_at DateTime64(3, 'UTC'),
                            grants LowCardinality(String),
                            detail String""", "(purpose, recorded_at)"));
    }

    /** The sunset audit table alone: {@code sieve sunset} makes sure it exists before it writes to it. */
    public static String sunsetAudit(SchemaOptions o) {
        return create(o, SUNSET_AUDIT, """
                sunset_id String,
                    app_id String,
                    action LowCardinality(String),
                    event LowCardinality(String),
                    table_name String,
                    rows_before UInt64,
                    rows_changed UInt64,
                    rows_held UInt64,
                    detail String,
                    requested_by String,
                    reason String,
                    at DateTime64(3, 'UTC')""", "(app_id, at)");
    }

    /**
     * What tables made by an earlier sink lack. Erasure audit and pending rows name the region they belong to: two
     * regions may share one ClickHouse server, and each must read back its own. Rows written before the column
     * existed have the empty region, which {@link #ofRegion} counts as every region's.
     */
    public static List<String> evolve(SchemaOptions o) {
        return List.of(addRegion(o, ERASURE_AUDIT), addRegion(o, ERASURE_PENDING));
    }

    private static String addRegion(SchemaOptions o, String table) {
        return "ALTER TABLE " + o.qualified(table) + o.onCluster()
                + " ADD COLUMN IF NOT EXISTS region LowCardinality(String) DEFAULT '' AFTER request_id";
    }

    /** The condition selecting a region's rows of the erasure audit or pending table. */
    public static String ofRegion(String region) {
        return "region IN (" + SqlLiteral.string(region) + ", '')";
    }

    private static String create(SchemaOptions o, String table, String columns, String orderBy) {
        return "CREATE TABLE IF NOT EXISTS " + o.qualified(table) + o.onCluster() + "\n(\n    " + columns
                + "\n)\nENGINE = " + Engines.sinkTable(o) + "\nORDER BY " + orderBy;
    }
}
