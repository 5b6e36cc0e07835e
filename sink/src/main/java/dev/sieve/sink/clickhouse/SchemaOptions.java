package dev.sieve.sink.clickhouse;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the sink's tables live on one ClickHouse endpoint.
 *
 * @param database database holding purpose and sink tables
 * @param cluster  in cluster mode, the cluster name: DDL runs {@code ON CLUSTER}, tables are replicated
 *                 ({@code <table>_local}, ReplicatedMergeTree) behind a Distributed {@code <table>}
 */
public record SchemaOptions(String database, Optional<String> cluster) {

    /** ClickHouse identifiers the sink writes unquoted. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final String DEFAULT_DATABASE = "sieve";
    /** Suffix of the replicated local table behind a Distributed table in cluster mode. */
    public static final String LOCAL_SUFFIX = "_local";

    public SchemaOptions {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(cluster, "cluster");
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("database '" + database + "' is not a plain ClickHouse identifier");
        }
        cluster.ifPresent(c -> {
            if (!IDENTIFIER.matcher(c).matches()) {
                throw new IllegalArgumentException("cluster '" + c + "' is not a plain ClickHouse identifier");
            }
        });
    }

    public static SchemaOptions single(String database) {
        return new SchemaOptions(database, Optional.empty());
    }

    /** {@code " ON CLUSTER <c>"} in cluster mode, else empty. */
    public String onCluster() {
        return cluster.map(c -> " ON CLUSTER " + c).orElse("");
    }

    /** The table inserts and queries address: the Distributed table in cluster mode. */
    public String qualified(String table) {
        return database + "." + table;
    }

    /** The table that stores the parts: ALTERs for TTL and deletes address it. */
    public String storage(String table) {
        return database + "." + storageName(table);
    }

    /** {@link #storage(String)} without the database. */
    public String storageName(String table) {
        return table + (cluster.isPresent() ? LOCAL_SUFFIX : "");
    }
}
