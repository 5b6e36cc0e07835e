package dev.sieve.sink.clickhouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.clickhouse.audit.LiveTtl.DeleteRule;
import dev.sieve.sink.clickhouse.audit.LiveTtl.Interval;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveTtlTest {

    @Test
    void readsTheTableTtlNotAColumnTtlAndStopsAtTheSettings() {
        String query = "CREATE TABLE db.t (`a` String TTL toDateTime(b) + toIntervalDay(1), `b` DateTime) ENGINE ="
                + " MergeTree ORDER BY a TTL toDateTime(b) + toIntervalDay(30) WHERE a NOT IN (SELECT x FROM db.h"
                + " WHERE y = ', SETTINGS ') SETTINGS index_granularity = 8192";

        assertThat(LiveTtl.of(query)).contains(new LiveTtl(List.of("toDateTime(b) + toIntervalDay(30) WHERE a NOT IN"
                + " (SELECT x FROM db.h WHERE y = ', SETTINGS ')")));
        assertThat(LiveTtl.of("CREATE TABLE db.t (`a` String) ENGINE = MergeTree ORDER BY a")).isEmpty();
    }

    @Test
    void keepsOnlyDeleteRules() {
        assertThat(LiveTtl.of("CREATE TABLE t (a Date) ENGINE = MergeTree ORDER BY a TTL a + toIntervalDay(1) TO"
                + " VOLUME 'warm', a + toIntervalDay(9) RECOMPRESS CODEC(ZSTD(3)), a + toIntervalDay(30) DELETE"))
                .contains(new LiveTtl(List.of("a + toIntervalDay(30) DELETE")));
    }

    @Test
    void aDeleteRuleIsATimePlusAnIntervalWithAnOptionalCondition() {
        assertThat(DeleteRule.parse("toDateTime(least(t, u)) + toIntervalHour(36) WHERE (x NOT IN (SELECT 1)) AND (y)"))
                .contains(new DeleteRule("toDateTime(least(t, u))", new Interval(36, "Hour"),
                        Optional.of("(x NOT IN (SELECT 1)) AND (y)")));
        assertThat(DeleteRule.parse("a + toIntervalDay(30) DELETE")).contains(new DeleteRule("a",
                new Interval(30, "Day"), Optional.empty()));
        assertThat(DeleteRule.parse("toDate('2030-01-01')")).isEmpty();
    }

    @Test
    void intervalsLastAtMostTheLongestCalendarUnit() {
        assertThat(new Interval(2, "Month").atMost()).isEqualTo(Duration.ofDays(62));
        assertThat(new Interval(1, "Year").atMost()).isEqualTo(Duration.ofDays(366));
        assertThat(new Interval(36, "Hour")).hasToString("36h");
        assertThat(new Interval(48, "Hour")).hasToString("2d");
        assertThat(new Interval(1, "Quarter")).hasToString("1 quarter");
        assertThat(new Interval(3, "Week")).hasToString("3 weeks");
    }
}
