package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import org.junit.jupiter.api.Test;

class ClickHouseSunsetsTest {

    @Test
    void eachClearedColumnGetsItsTypesEmptyValue() throws Exception {
        TableLayout t = new TableCatalog(PolicyLoader.loadDefault()).table("security_ip").orElseThrow();
        assertThat(ClickHouseSunsets.assignments(t.columns().stream().filter(c -> c.name().equals("event_id")
                || c.name().equals("subject_id") || c.name().equals("device_id") || c.name().equals("ip_address"))
                .toList())).isEqualTo("event_id = defaultValueOfArgumentType(event_id), subject_id ="
                + " defaultValueOfArgumentType(subject_id), device_id = defaultValueOfArgumentType(device_id),"
                + " ip_address = defaultValueOfArgumentType(ip_address)");
    }
}
