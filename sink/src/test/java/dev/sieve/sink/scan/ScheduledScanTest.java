package dev.sieve.sink.scan;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.scrub.IdentifierScan;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.StoreFailure;
import dev.sieve.sink.store.StoredValues;
import io.micrometer.core.instrument.search.RequiredSearch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One scheduled scan's outcome in the metrics, over stored values kept in memory. */
class ScheduledScanTest {

    static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    static final String LEAK = "mail alice@example.com";
    static ScannedColumns columns;

    /** What the fake store holds, by column name (every table alike); a query fails while {@link #failure} is set. */
    final Map<String, Map<String, Long>> stored = new HashMap<>();
    StoreFailure failure;
    final SinkMetrics metrics = SinkMetrics.inMemory();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void policy() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        columns = ScannedColumns.of(catalog, IdentifierScan.forPolicy(catalog.policy()));
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger(ScheduledScan.class)).detachAppender(log);
    }

    ScheduledScan scan(Instant now) {
        StoredValues values = (table, column, window, each) -> {
            if (failure != null) {
                throw failure;
            }
            if (table.name().equals("personalization_service_log")) {
                stored.getOrDefault(column.name(), Map.of()).forEach(each::accept);
            }
        };
        Map<String, StoredValues> regions = new LinkedHashMap<>();
        regions.put("cn-north", values);
        return ScheduledScan.unstarted(new StoredIdentifiers(columns, regions), metrics,
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1));
    }

    RequiredSearch meter(String name) {
        return metrics.registry().get(name);
    }

    double found(String column, String recognizer) {
        return meter(SinkMetrics.SCAN_FOUND).tags("region", "cn-north", "table", "personalization_service_log",
                "column", column, "recognizer", recognizer).gauge().value();
    }

    @Test
    void aScanSetsAGaugePerTableColumnAndRecognizerTheOverallCountAndWhenItSucceeded() {
        stored.put("search_query", Map.of(LEAK, 2L, "+86 138 0013 8000", 1L, "[email] shoes", 7L));
        stored.put("page_url", Map.of("https://app.example.com/u/alice@example.com", 1L));
        ScheduledScan scan = scan(START.plusSeconds(90));

        scan.runOnce();

        assertThat(found("search_query", "email")).isEqualTo(2);
        assertThat(found("search_query", "phone")).isEqualTo(1);
        assertThat(found("page_url", "email")).isEqualTo(1);
        assertThat(meter(SinkMetrics.SCAN_FOUND).gauges()).hasSize(3);
        assertThat(meter(SinkMetrics.SCAN_FOUND_OVERALL).gauge().value()).isEqualTo(4);
        assertThat(meter(SinkMetrics.SCAN_LAST_SUCCESS).gauge().value()).isEqualTo(START.plusSeconds(90)
                .getEpochSecond());
        assertThat(meter(SinkMetrics.SCAN_INTERVAL).gauge().value()).isEqualTo(3600);
        assertThat(meter(SinkMetrics.SCAN_FAILURES).counter().count()).isZero();
        assertThat(meter(SinkMetrics.SCAN_FOUND).gauges()).allSatisfy(g -> assertThat(g.getId().getTags())
                .noneMatch(t -> t.getValue().contains("alice") || t.getValue().contains("138")));
        scan.close();
    }

    @Test
    void whatTheNextScanNoLongerFindsDropsToZero() {
        stored.put("search_query", Map.of(LEAK, 2L));
        ScheduledScan scan = scan(START);
        scan.runOnce();
        stored.clear(); // erased

        scan.runOnce();

        assertThat(found("search_query", "email")).isZero();
        assertThat(meter(SinkMetrics.SCAN_FOUND_OVERALL).gauge().value()).isZero();
        scan.close();
    }

    @Test
    void aFailedScanCountsIsLoggedWithoutItsMessageAndLeavesTheLastFindingsAndTheNextOneRuns() {
        Logger logger = (Logger) LoggerFactory.getLogger(ScheduledScan.class);
        log.start();
        logger.addAppender(log);
        stored.put("search_query", Map.of(LEAK, 2L));
        ScheduledScan scan = scan(START);
        scan.runOnce();
        failure = new StoreFailure(StoreFailure.Kind.TRANSIENT, 210, "connection reset reading " + LEAK);
        stored.clear();

        scan.runOnce();

        assertThat(meter(SinkMetrics.SCAN_FAILURES).counter().count()).isEqualTo(1);
        assertThat(found("search_query", "email")).as("the last successful scan's").isEqualTo(2);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).last().asString()
                .contains("failed (store failure TRANSIENT, code 210)").doesNotContain("alice", "connection reset");

        failure = null;
        scan.runOnce();
        assertThat(found("search_query", "email")).isZero();
        assertThat(meter(SinkMetrics.SCAN_FAILURES).counter().count()).isEqualTo(1);
        scan.close();
    }

    @Test
    void untilAScanSucceedsItsLastSuccessIsTheStartSoNeverSucceedingGoesStale() {
        failure = new StoreFailure(StoreFailure.Kind.FATAL, 60, "unknown table");
        ScheduledScan scan = scan(START.plus(Duration.ofHours(5)));

        scan.runOnce();

        assertThat(meter(SinkMetrics.SCAN_LAST_SUCCESS).gauge().value()).isEqualTo(START.plus(Duration.ofHours(5))
                .getEpochSecond());
        assertThat(meter(SinkMetrics.SCAN_FAILURES).counter().count()).isEqualTo(1);
        assertThat(metrics.registry().find(SinkMetrics.SCAN_FOUND).gauges()).isEmpty();
        assertThat(meter(SinkMetrics.SCAN_FOUND_OVERALL).gauge().value()).isZero();
        scan.close();
    }
}
