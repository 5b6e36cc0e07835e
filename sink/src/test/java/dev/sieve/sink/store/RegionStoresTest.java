package dev.sieve.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionStoresTest {

    final TableCatalog catalog;

    RegionStoresTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
    }

    /** A store that is never asked anything: building one connects to nothing. */
    private Store store(String region) {
        return new ClickHouseStore(region, null, SchemaOptions.single("sieve"), catalog);
    }

    @Test
    void aRegionWithoutAStoreHasNone() {
        RegionStores stores = new RegionStores(Map.of("cn-north", store("cn-north")));

        assertThat(stores.forRegion("cn-north")).map(Store::region).hasValue("cn-north");
        assertThat(stores.forRegion("cn-east")).isEmpty();
    }

    @Test
    void everyRegionAnswersInRegionOrder() {
        Map<String, Store> byRegion = new LinkedHashMap<>();
        byRegion.put("cn-north", store("cn-north"));
        byRegion.put("cn-east", store("cn-east"));

        assertThat(new RegionStores(byRegion).ask(s -> s.region().toUpperCase(Locale.ROOT)))
                .containsExactly(Map.entry("cn-north", "CN-NORTH"), Map.entry("cn-east", "CN-EAST"));
    }

    @Test
    void aStoreGivenForAnotherRegionIsRefused() {
        assertThatThrownBy(() -> new RegionStores(Map.of("cn-east", store("cn-north"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the store given for region cn-east holds region cn-north");
    }
}
