package dev.sieve.sink.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.scrub.IdentifierScan;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.action.KeepAction;
import dev.sieve.sink.model.TableCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannedColumnsTest {

    @Test
    void theTextColumnsThePolicyDoesNotKeepNeitherKeptNorPseudonymNorTypedOnes() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());

        ScannedColumns columns = ScannedColumns.of(catalog, IdentifierScan.forPolicy(catalog.policy()));

        List<String> scanned = columns.scanned().stream().map(c -> c.table().name() + "." + c.column().name())
                .toList();
        assertThat(scanned).contains("personalization_service_log.search_query",
                "personalization_service_log.page_url", "product_improvement_service_log.failure_message",
                "ad_measurement_service_log.referrer_url")
                .doesNotContain("service_device.device_model", "personalization_device.device_id",
                        "analytics_device.event_time");
        assertThat(columns.scanned()).allSatisfy(c -> assertThat(c.table().purpose().family(c.table().family())
                .orElseThrow().rule(c.column().name()).orElseThrow().action()).isNotInstanceOf(KeepAction.class));
        assertThat(columns.pseudonyms()).isPositive();
        assertThat(columns.typed()).isPositive();
    }

    @Test
    void aUrlColumnIsReadWithItsAllowedParametersAndTextAsText() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        ScannedColumns columns = ScannedColumns.of(catalog, IdentifierScan.forPolicy(catalog.policy()));
        String tracked = "https://shop.example/landing?utm_source=news";

        assertThat(column(columns, "ad_measurement_service_log", "referrer_url").identifiers().apply(tracked))
                .as("ad_measurement allows utm_source").isEmpty();
        assertThat(column(columns, "analytics_service_log", "referrer_url").identifiers().apply(tracked))
                .as("analytics allows no parameter").containsExactly(IdentifierScan.URL);
        assertThat(column(columns, "personalization_service_log", "search_query").identifiers()
                .apply("mail alice@example.com")).containsExactly("email");
    }

    private static ScannedColumns.ScannedColumn column(ScannedColumns columns, String table, String column) {
        return columns.scanned().stream().filter(c -> c.table().name().equals(table)
                && c.column().name().equals(column)).findFirst().orElseThrow();
    }
}
