package dev.sieve.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.config.SinkConfig;
import dev.sieve.sink.config.SinkConfigLoader;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.Store;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which regions' stores share their tables, as the configuration says: client-v2 connects to nothing here. */
class SinkContextTest {

    final TableCatalog catalog;

    SinkContextTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
    }

    private Map<String, Store> stores(Map<String, String> keys) throws Exception {
        SinkConfig config = SinkConfigLoader.load(new ConfigReader("sink.properties", keys, Map.of()),
                catalog.policy().regions().keySet());
        return new SinkContext(config, catalog, Map.of()).stores();
    }

    @Test
    void regionsConfiguredWithOneClickHouseShareTheirStoresTarget() throws Exception {
        Map<String, Store> stores = stores(Map.of("kafka.bootstrap.servers", "kafka:9092",
                "clickhouse.region.cn-north.url", "http://clickhouse:8123",
                "clickhouse.region.cn-east.url", "http://clickhouse:8123"));
        try {
            assertThat(stores.get("cn-north").target()).isEqualTo(stores.get("cn-east").target());
        } finally {
            stores.values().forEach(Store::close);
        }
    }

    @Test
    void regionsWithAClickHouseOrAUserEachHaveTargetsOfTheirOwn() throws Exception {
        Map<String, Store> apart = stores(Map.of("kafka.bootstrap.servers", "kafka:9092",
                "clickhouse.region.cn-north.url", "http://clickhouse-north:8123",
                "clickhouse.region.cn-east.url", "http://clickhouse-east:8123"));
        Map<String, Store> users = stores(Map.of("kafka.bootstrap.servers", "kafka:9092",
                "clickhouse.region.cn-north.url", "http://clickhouse:8123",
                "clickhouse.region.cn-north.user", "sink_north",
                "clickhouse.region.cn-east.url", "http://clickhouse:8123",
                "clickhouse.region.cn-east.user", "sink_east"));
        try {
            assertThat(apart.get("cn-north").target()).isNotEqualTo(apart.get("cn-east").target());
            assertThat(users.get("cn-north").target()).isNotEqualTo(users.get("cn-east").target());
        } finally {
            apart.values().forEach(Store::close);
            users.values().forEach(Store::close);
        }
    }
}
