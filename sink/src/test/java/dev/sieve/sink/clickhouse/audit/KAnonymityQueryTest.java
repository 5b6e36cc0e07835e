package dev.sieve.sink.clickhouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.audit.KAnonymityMeasure.Answer;
import dev.sieve.sink.audit.KAnonymityMeasure.Counts;
import dev.sieve.sink.audit.KAnonymityMeasure;
import dev.sieve.sink.clickhouse.RetentionTtl;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KAnonymityQueryTest {

    static final List<String> COLUMNS = List.of("event_time", "os_version", "geo_country");

    @Test
    void oneStatementGroupsByTheQuasiIdentifiersAndByEachSetWithOneLeftOutWithinTheWindow() throws Exception {
        TableLayout t = new TableCatalog(PolicyLoader.loadDefault()).table("analytics_device").orElseThrow();

        assertThat(KAnonymityQuery.sql("sieve.analytics_device", COLUMNS, RetentionTtl.rowTime(t),
                Duration.ofDays(365), 5)).isEqualTo("SELECT grouping_set, min(n), count(), sum(n), sumIf(n, n < 5)"
                + " FROM (SELECT grouping(event_time, os_version, geo_country) AS grouping_set, count() AS n FROM"
                + " sieve.analytics_device WHERE toDateTime(least(event_time, _ingested_at)) >= now() - INTERVAL 365"
                + " DAY GROUP BY GROUPING SETS ((event_time, os_version, geo_country), (os_version, geo_country),"
                + " (event_time, geo_country), (event_time, os_version))) GROUP BY grouping_set ORDER BY grouping_set");
    }

    @Test
    void aTableWithoutQuasiIdentifiersHasNoQuery() {
        assertThatThrownBy(() -> KAnonymityQuery.sql("sieve.t", List.of(), "t", Duration.ofDays(1), 5))
                .hasMessage("no quasi-identifier column to group by");
    }

    @Test
    void theAnswerTellsTheGroupingsApartByTheirMask() {
        // mask 0: all columns; 4: without event_time; 2: without os_version; 1: without geo_country
        Optional<Answer> answer = KAnonymityQuery.parse(COLUMNS, List.of(List.of("0", "1", "9", "40", "3"),
                List.of("1", "2", "7", "40", "2"), List.of("2", "6", "4", "40", "0"),
                List.of("4", "1", "8", "40", "3")));

        assertThat(answer).contains(new Answer(new Counts(1, 9, 40, 3), ordered("event_time", 1L, "os_version", 6L,
                "geo_country", 2L)));
        assertThat(KAnonymityQuery.parse(COLUMNS, List.of())).as("no row within the window").isEmpty();
    }

    @Test
    void belowTheMinimumNamesTheColumnWhoseRemovalRaisesKTheMost() {
        KAnonymityMeasure m = measure(new Answer(new Counts(1, 9, 40, 3), ordered("event_time", 1L, "os_version", 6L,
                "geo_country", 2L)));

        assertThat(m.belowMinimum()).isTrue();
        assertThat(m.line()).isEqualTo("K cn-north sieve.analytics_device: k 1, minimum 5, over event_time,"
                + " os_version, geo_country: 40 rows in 9 groups within 365d");
        assertThat(m.finding().orElseThrow().line()).isEqualTo("DRIFT privacy cn-north sieve.analytics_device:"
                + " k-anonymity below the policy's minimum: 3 of 40 rows within 365d are in groups smaller than 5; rows"
                + " stand out by os_version (without it k would be 6: the largest rise from removing one column):"
                + " live k 1, policy k >= 5");
    }

    @Test
    void tiedColumnsAreAllNamedAndNoRiseSaysTheyStandOutTogether() {
        assertThat(measure(new Answer(new Counts(2, 9, 40, 4), ordered("event_time", 3L, "os_version", 3L,
                "geo_country", 2L))).finding().orElseThrow().what()).endsWith("rows stand out by event_time,"
                + " os_version (without any one of them k would be 3: the largest rise from removing one column)");
        assertThat(measure(new Answer(new Counts(1, 9, 40, 1), ordered("event_time", 1L, "os_version", 1L,
                "geo_country", 1L))).finding().orElseThrow().what()).endsWith("no single column's removal raises k:"
                + " event_time, os_version, geo_country single rows out together");
    }

    @Test
    void atOrAboveTheMinimumEmptyOrWithoutQuasiIdentifiersIsNoFinding() {
        KAnonymityMeasure met = measure(new Answer(new Counts(5, 2, 12, 0), ordered("event_time", 12L,
                "os_version", 5L, "geo_country", 5L)));
        KAnonymityMeasure empty = new KAnonymityMeasure("cn-north", "sieve.analytics_device", COLUMNS, 5,
                Duration.ofDays(30), Optional.empty());
        KAnonymityMeasure none = new KAnonymityMeasure("cn-north", "sieve.t", List.of(), 5, Duration.ofDays(30),
                Optional.empty());

        assertThat(met.finding()).isEmpty();
        assertThat(empty.finding()).isEmpty();
        assertThat(none.finding()).isEmpty();
        assertThat(empty.line()).isEqualTo("K cn-north sieve.analytics_device: no rows within 30d, k not measured (over"
                + " event_time, os_version, geo_country)");
        assertThat(none.line()).isEqualTo("K cn-north sieve.t: no quasi-identifier column, k not measured");
        assertThat(List.of(met.status(), empty.status(), none.status()))
                .containsExactly("measured", "empty", "no_quasi_identifiers");
    }

    @Test
    void theColumnsMeasuredAreTheTablesQuasiIdentifiers() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());

        assertThat(KAnonymityAudit.columns(catalog.table("analytics_device").orElseThrow()))
                .containsExactly("event_time", "app_version", "geo_country", "os_version");
        assertThat(KAnonymityAudit.columns(catalog.table("analytics_ip").orElseThrow()))
                .containsExactly("event_time", "ip_address", "geo_country");
    }

    private static KAnonymityMeasure measure(Answer answer) {
        return new KAnonymityMeasure("cn-north", "sieve.analytics_device", COLUMNS, 5, Duration.ofDays(365),
                Optional.of(answer));
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return out;
    }
}
