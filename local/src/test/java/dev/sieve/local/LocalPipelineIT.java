package dev.sieve.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.local.demo.DemoSettings;
import dev.sieve.local.demo.DemoTraffic;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Purpose;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline in this JVM, everything embedded (broker, engine behind its HTTP interface), with the demo
 * traffic: rows of all five families arrive in ClickHouse, read back through the HTTP interface, consent and
 * anonymization visible in them, and everything stops cleanly.
 */
class LocalPipelineIT {

    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(45);
    static final Duration MIN_TRAFFIC = Duration.ofSeconds(5);

    @Test
    void demoTrafficReachesClickHouseInEveryFamilyAndEverythingStopsCleanly() throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        LocalPipeline pipeline = LocalPipeline.builder().collector("127.0.0.1", 0).clickHouseHttpPort(0)
                .metricsPort(0).sinkBatchMaxAge(Duration.ofMillis(500)).environment(Map.of())
                .progress(progress::add).start();
        try {
            DemoTraffic demo = DemoTraffic.start(new DemoSettings(true, 50, 200, 7), pipeline);
            long sending = System.nanoTime();
            Map<EventFamily, Long> rows;
            try {
                rows = awaitEveryFamily(pipeline);
                // Enough traffic for every user to show up, not only the first few.
                Thread.sleep(Math.max(0, MIN_TRAFFIC.toMillis() - (System.nanoTime() - sending) / 1_000_000));
            } finally {
                demo.close();
            }
            assertThat(rows).as("rows per family").hasSize(5).allSatisfy((f, n) -> assertThat(n).isPositive());
            awaitDrained(pipeline);
            DemoTraffic.Stats sent = demo.stats();
            assertThat(sent.rejected()).isZero();
            assertThat(sent.dropped()).isZero();
            assertThat(sent.accepted()).isEqualTo(sent.generated()).isPositive();
            assertThat(health(pipeline)).isEqualTo("up RUNNING");
            assertPrivacyHolds(pipeline);
        } finally {
            pipeline.close();
        }
        assertThat(progress).contains("stopping the collector", "stopping enrich", "stopping anonymize",
                "stopping the sink (inserting what it buffered)", "stopping the ClickHouse engine",
                "stopping the Kafka broker", "deleting the work directory");
        assertThat(progress.indexOf("stopping the collector")).isLessThan(progress.indexOf("stopping enrich"));
        assertThat(progress.indexOf("stopping the sink (inserting what it buffered)"))
                .isLessThan(progress.indexOf("stopping the ClickHouse engine"));
        assertThat(progress).noneMatch(line -> line.contains("failed"));
        assertThat(String.join("\n", progress)).doesNotContain("user-", "dev-", pipeline.apiKey());
    }

    /** Rows per family over every purpose's table, once each family has some. */
    private static Map<EventFamily, Long> awaitEveryFamily(LocalPipeline pipeline) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (true) {
            Map<String, Long> tables = pipeline.tableRows();
            Map<EventFamily, Long> byFamily = new EnumMap<>(EventFamily.class);
            for (Purpose p : pipeline.policy().purposes().values()) {
                p.families().keySet().forEach(f -> byFamily.merge(f, tables.getOrDefault(p.tableName(f), 0L), Long::sum));
            }
            if (byFamily.values().stream().allMatch(n -> n > 0) || System.nanoTime() > deadline) {
                return byFamily;
            }
            Thread.sleep(500);
        }
    }

    /** Once the stages have stored everything sent: the row count stands still. */
    private static void awaitDrained(LocalPipeline pipeline) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        long before = -1;
        while (System.nanoTime() < deadline) {
            long now = pipeline.tableRows().values().stream().mapToLong(Long::longValue).sum();
            if (now == before) {
                return;
            }
            before = now;
            Thread.sleep(1_500);
        }
    }

    private static void assertPrivacyHolds(LocalPipeline pipeline) {
        // A pseudonymous purpose: subjects are demo-key pseudonyms, the searches' e-mail addresses are scrubbed.
        assertThat(pipeline.query("SELECT DISTINCT substring(subject_id, 1, 5) FROM sieve.personalization_service_log"
                + " WHERE subject_id IS NOT NULL", "TabSeparated")).isEqualTo("demo:\n");
        assertThat(pipeline.query("SELECT count() FROM sieve.personalization_service_log WHERE search_query LIKE"
                + " '%@example.%'", "TabSeparated")).isEqualTo("0\n");
        // The purpose that needs consent holds fewer subjects than one that does not: only those who agreed.
        long consented = Long.parseLong(pipeline.query("SELECT uniqExact(subject_id) FROM"
                + " sieve.cross_service_service_log", "TabSeparated").strip());
        long all = Long.parseLong(pipeline.query("SELECT uniqExact(subject_id) FROM"
                + " sieve.personalization_service_log WHERE subject_id IS NOT NULL", "TabSeparated").strip());
        assertThat(consented).isPositive().isLessThan(all);
    }

    private static String health(LocalPipeline pipeline) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(pipeline.metricsUrl().orElseThrow() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
