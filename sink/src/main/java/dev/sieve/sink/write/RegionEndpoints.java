package dev.sieve.sink.write;

import dev.sieve.sink.port.ClickHouseGateway;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ClickHouse endpoint of each region (policy 6.1). A region without an endpoint has none: there is no
 * default, so a row can never land in another region's storage.
 */
public final class RegionEndpoints implements AutoCloseable {

    private final Map<String, ClickHouseGateway> byRegion;

    public RegionEndpoints(Map<String, ClickHouseGateway> byRegion) {
        this.byRegion = Collections.unmodifiableMap(new LinkedHashMap<>(byRegion));
    }

    public Optional<ClickHouseGateway> forRegion(String region) {
        return Optional.ofNullable(byRegion.get(region));
    }

    /** Every endpoint, by region: control statements (TTL, erasure, holds) run on each. */
    public Map<String, ClickHouseGateway> all() {
        return byRegion;
    }

    @Override
    public void close() {
        byRegion.values().forEach(ClickHouseGateway::close);
    }
}
