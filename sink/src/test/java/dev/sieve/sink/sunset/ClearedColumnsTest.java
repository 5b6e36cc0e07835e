package dev.sieve.sink.sunset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which columns {@code sunset --anonymize} clears in the bundled policy's tables, and which it keeps. */
class ClearedColumnsTest {

    final TableCatalog catalog;

    ClearedColumnsTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
    }

    @Test
    void identifiersAddressesUrlsTextAndListsGoCategoriesNumbersAndTimesStay() {
        assertThat(cleared("service_communication_log")).containsExactly("event_id", "subject_id", "device_id",
                "peer_account");
        assertThat(kept("service_communication_log")).containsExactly("event_time", "app_id", "region", "channel",
                "direction", "started_at", "duration_ms", "_ingested_at");
        assertThat(cleared("service_service_log")).containsExactly("event_id", "subject_id", "device_id",
                "search_query", "page_url");
        assertThat(cleared("security_ip")).containsExactly("event_id", "subject_id", "device_id", "ip_address");
        assertThat(cleared("security_software")).contains("other_software");
        assertThat(cleared("advertising_device")).containsExactly("event_id", "device_id", "advertising_id");
    }

    @Test
    void everyIdentifierAndPseudonymColumnIsCleared() {
        for (TableLayout t : catalog.tables()) {
            List<Column> cleared = ClearedColumns.of(t);
            assertThat(cleared).as(t.name()).containsAll(t.identifierColumns());
            assertThat(cleared).as(t.name()).containsAll(t.columns().stream().filter(Column::pseudonym).toList());
        }
    }

    @Test
    void tablesAsTheSinkCreatesThemHaveNoClearedColumnInTheirKey() {
        for (TableLayout t : catalog.tables()) {
            assertThat(cleared(t.name())).as(t.name()).doesNotContainAnyElementsOf(t.orderBy())
                    .doesNotContain(t.timeColumn().name());
        }
    }

    private List<String> cleared(String table) {
        return ClearedColumns.of(catalog.table(table).orElseThrow()).stream().map(Column::name).toList();
    }

    private List<String> kept(String table) {
        TableLayout t = catalog.table(table).orElseThrow();
        List<Column> cleared = ClearedColumns.of(t);
        return t.columns().stream().filter(c -> !cleared.contains(c)).map(Column::name).toList();
    }
}
