package dev.sieve.sink.clickhouse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ClickHouse of each configured region, for the operator tools that are about ClickHouse itself (the audit of
 * live tables, TTLs and grants; app sunsets) rather than about the sink's store.
 */
public final class ClickHouseRegions implements AutoCloseable {

    private final Map<String, ClickHouseGateway> byRegion;

    public ClickHouseRegions(Map<String, ? extends ClickHouseGateway> byRegion) {
        this.byRegion = Collections.unmodifiableMap(new LinkedHashMap<>(byRegion));
    }

    public Map<String, ClickHouseGateway> all() {
        return byRegion;
    }

    @Override
    public void close() {
        byRegion.values().forEach(ClickHouseGateway::close);
    }
}
