package dev.sieve.sink.clickhouse;

/** Table engines for single-server and cluster mode. */
final class Engines {

    /**
     * Inserts whose {@code insert_deduplication_token} was seen among this many recent blocks are dropped.
     * It must exceed the inserts a table receives between a crash and the replay of the batch the crash
     * interrupted (a few per partition); 10,000 leaves a wide margin at the cost of a few MB of hashes.
     */
    static final int DEDUPLICATION_WINDOW = 10_000;

    private Engines() {}

    /** Purpose tables: one replica set per shard in cluster mode. */
    static String purposeTable(SchemaOptions options) {
        return options.cluster().isPresent()
                ? "ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')"
                : "MergeTree";
    }

    static String deduplicationSetting(SchemaOptions options) {
        return (options.cluster().isPresent() ? "replicated_deduplication_window = "
                : "non_replicated_deduplication_window = ") + DEDUPLICATION_WINDOW;
    }

    /**
     * Sink tables (holds, audit): in cluster mode one replica set spanning every node, not per shard, because
     * every shard's TTL reads the holds locally.
     */
    static String sinkTable(SchemaOptions options) {
        return options.cluster().isPresent()
                ? "ReplicatedMergeTree('/clickhouse/tables/sieve/{database}/{table}', '{replica}')"
                : "MergeTree";
    }
}
