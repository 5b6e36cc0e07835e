package dev.sieve.sink.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.scrub.IdentifierScan;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.StoredValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scan's counting over stored values kept in memory: per region, table, column and recognizer. */
class StoredIdentifiersTest {

    /** A region whose {@code personalization_service_log.search_query} stores these values with these counts. */
    static StoredValues searches(Map<String, Long> values) {
        return (table, column, window, each) -> {
            if (table.name().equals("personalization_service_log") && column.name().equals("search_query")) {
                values.forEach(each::accept);
            }
        };
    }

    @Test
    void countsEveryStoredValueByRecognizerInEachRegionNeverAValue() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        ScannedColumns columns = ScannedColumns.of(catalog, IdentifierScan.forPolicy(catalog.policy()));
        Map<String, StoredValues> regions = new LinkedHashMap<>();
        regions.put("cn-north", searches(Map.of("mail alice@example.com", 3L, "bob@example.com or +86 138 0013 8000",
                2L, "[email] shoes", 40L)));
        regions.put("cn-east", searches(Map.of("[phone] and [email]", 5L)));

        StoredIdentifiers.Result result = new StoredIdentifiers(columns, regions).scan();

        assertThat(result.found()).containsExactly(
                new StoredIdentifiers.Found("cn-north", "personalization_service_log", "search_query", "email", 5),
                new StoredIdentifiers.Found("cn-north", "personalization_service_log", "search_query", "phone", 2));
        assertThat(result.total()).isEqualTo(7);
        assertThat(result.regions()).isEqualTo(2);
        assertThat(result.columns()).isSameAs(columns);
    }
}
