package dev.sieve.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The expression reader the dashboard check relies on: what it finds, and that it does not guess. */
class PromQlTest {

    @Test
    void findsSelectorsMatchersAndGroupingThroughFunctionsRangesAndKeywords() {
        PromQl.Parsed p = PromQl.parse("max by (job) (kafka_consumer_fetch_manager_records_lag_max{job=~\"enrich|sink\","
                + " client_id!~\".*restore-consumer\"}) > 100 or sum without (le) (rate(x_total[$__rate_interval]"
                + " offset 5m)) / on (table) group_left y");
        assertThat(p.selectors()).containsExactly(
                new PromQl.Selector("kafka_consumer_fetch_manager_records_lag_max", java.util.List.of(
                        new PromQl.Matcher("job", "=~", "enrich|sink"),
                        new PromQl.Matcher("client_id", "!~", ".*restore-consumer"))),
                new PromQl.Selector("x_total", java.util.List.of()),
                new PromQl.Selector("y", java.util.List.of()));
        assertThat(p.groupingLabels()).containsExactly("job", "le", "table");
    }

    @Test
    void matchersAcceptAsPrometheusDoes() {
        assertThat(new PromQl.Matcher("client_id", "!~", ".*restore-consumer").accepts("a-StreamThread-1-consumer"))
                .isTrue();
        assertThat(new PromQl.Matcher("client_id", "!~", ".*restore-consumer").accepts("a-restore-consumer")).isFalse();
        assertThat(new PromQl.Matcher("reason", "=", "").accepts(null)).isTrue();
    }

    @Test
    void refusesWhatItDoesNotKnowRatherThanTakingItForAMetric() {
        assertThatThrownBy(() -> PromQl.parse("histogram_fraction(0, 1, x)"))
                .hasMessageContaining("unknown function histogram_fraction");
    }
}
