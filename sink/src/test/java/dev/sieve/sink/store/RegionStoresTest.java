package dev.sieve.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
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
    void aStoreGivenForAnotherRegionIsRefused() {
        assertThatThrownBy(() -> new RegionStores(Map.of("cn-east", store("cn-north"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the store given for region cn-east holds region cn-north");
    }
}
