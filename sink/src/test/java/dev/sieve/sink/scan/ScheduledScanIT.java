package dev.sieve.sink.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.action.FieldAction;
import dev.sieve.schemas.policy.action.ScrubTextAction;
import dev.sieve.schemas.policy.action.ScrubUrlAction;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.scrub.Scrubber;
import dev.sieve.sink.Sink;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Await;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeTraffic;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.Gauge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running sink's scheduled scan on the real broker and engine: nothing found in what the writer stored, every
 * identifier planted straight into a pseudonymous table found by table, column and recognizer, and a scan the engine
 * fails counted while the writer and the schedule go on.
 */
class ScheduledScanIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final String DB = "sieve_canary";
    static final String SCANNED = "personalization_service_log";

    static PurposeTraffic traffic;
    static Scrubber scrubber;

    @BeforeAll
    static void topics() throws Exception {
        traffic = PurposeTraffic.start(KAFKA, 1);
        scrubber = Scrubber.forPolicy(traffic.catalog().policy());
    }

    @AfterAll
    static void closeProducer() {
        traffic.close();
    }

    @Test
    void theScanFindsNothingTheWriterStoredFindsWhatWasPlantedAndOutlivesAFailingEngine() throws Exception {
        List<TableLayout> tables = List.of(table(SCANNED), table("product_improvement_service_log"),
                table("ad_measurement_service_log"));
        for (TableLayout t : tables) {
            send(t, 0, 20);
        }
        SinkMetrics metrics = SinkMetrics.inMemory();
        Sink sink = Sink.builder().catalog(traffic.catalog())
                .stores(Map.of("cn-north", new ClickHouseStore("cn-north", new EngineGateway(CLICKHOUSE),
                        SchemaOptions.single(DB), traffic.catalog()))).keyRings(traffic.rings())
                .kafka(KAFKA.bootstrapServers(), "canary", Map.of())
                .thresholds(new BatchThresholds(25, 1 << 20, Duration.ofMillis(200)))
                .scanInterval(INTERVAL).metrics(metrics).start();
        try {
            for (TableLayout t : tables) {
                Await.until(() -> count(t.name()) == 20, WAIT, t.name() + " has all 20 rows");
            }
            awaitScanAfter(metrics, Instant.now());
            assertThat(gauge(metrics, SinkMetrics.SCAN_FOUND_OVERALL)).as("found in what the writer stored")
                    .isZero();
            assertThat(metrics.registry().find(SinkMetrics.SCAN_FOUND).gauges()).isEmpty();

            // around the pipeline: copies of a stored row, a text column replaced with identifiers
            String table = DB + "." + SCANNED;
            for (String leak : List.of("mail alice@example.com", "ring +86 138 0013 8000",
                    "card 4111 1111 1111 1111", "mail alice@example.com")) {
                CLICKHOUSE.execute("INSERT INTO " + table + " SELECT * REPLACE ('" + leak + "' AS search_query) FROM "
                        + table + " LIMIT 1");
            }
            Await.until(() -> gauge(metrics, SinkMetrics.SCAN_FOUND_OVERALL) == 4, WAIT, "the planted values found");
            assertThat(found(metrics, "email")).isEqualTo(2);
            assertThat(found(metrics, "phone")).isEqualTo(1);
            assertThat(found(metrics, "card")).isEqualTo(1);
            assertThat(metrics.registry().find(SinkMetrics.SCAN_FOUND).gauges()).hasSize(3)
                    .allSatisfy(g -> assertThat(g.getId().getTags()).noneMatch(tag ->
                            tag.getValue().contains("alice") || tag.getValue().contains("4111")));
            assertThat(metrics.registry().get(SinkMetrics.SCAN_FAILURES).counter().count()).isZero();

            // the engine fails every scan (the scanned table is gone), the writer goes on
            CLICKHOUSE.execute("RENAME TABLE " + table + " TO " + table + "_away");
            Await.until(() -> metrics.registry().get(SinkMetrics.SCAN_FAILURES).counter().count() >= 2, WAIT,
                    "failed scans counted");
            TableLayout other = table("product_improvement_service_log");
            send(other, 20, 5);
            Await.until(() -> count(other.name()) == 25, WAIT, "the writer stores while scans fail");
            assertThat(sink.writerDone()).isNotDone();
            assertThat(found(metrics, "email")).as("the last successful scan's").isEqualTo(2);

            CLICKHOUSE.execute("RENAME TABLE " + table + "_away TO " + table);
            awaitScanAfter(metrics, Instant.now());
            assertThat(gauge(metrics, SinkMetrics.SCAN_FOUND_OVERALL)).isEqualTo(4);
        } finally {
            sink.close();
        }
    }

    static TableLayout table(String name) {
        return traffic.catalog().table(name).orElseThrow();
    }

    static void send(TableLayout t, int from, int n) throws Exception {
        TopicSpec<String, GenericRecord> spec = traffic.catalog().topic(t);
        for (int i = from; i < from + n; i++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.HEADER_REGION, "cn-north".getBytes(StandardCharsets.UTF_8));
            traffic.producer().send(new ProducerRecord<>(spec.name(), null, ("d-" + i).getBytes(StandardCharsets.UTF_8),
                    spec.valueSerde().serializer().serialize(spec.name(),
                            anonymized(t, i)), headers)).get();
        }
    }

    /**
     * A purpose record with its free text and URLs as the anonymizer writes them: identifiers in them scrubbed by
     * the scrubber the policy asks for, URLs with the column's allowed query parameters.
     */
    static GenericRecord anonymized(TableLayout t, int i) {
        GenericRecord row = traffic.rows().row(t, i, NOW, "s-" + i, "d-" + i, "cn-north");
        for (Column c : t.columns()) {
            Optional<FieldAction> action = c.field().flatMap(f -> t.purpose().family(t.family())
                    .flatMap(r -> r.rule(f))).map(FieldRule::action);
            if (action.orElse(null) instanceof ScrubTextAction) {
                row.put(c.name(), scrubber.text("order " + i + " for alice@example.com, call +86 138 0013 8000",
                        List.of()));
            } else if (action.orElse(null) instanceof ScrubUrlAction url) {
                row.put(c.name(), scrubber.url("https://app.example.com/orders/" + (1000 + i)
                        + "?user=alice@example.com&utm_source=news", url.allowParams(), List.of(), null));
            }
        }
        return row;
    }

    static long count(String table) {
        return Long.parseLong(CLICKHOUSE.query("SELECT count() FROM " + DB + "." + table, "TSV").strip());
    }

    /**
     * Waits until a scan that started after {@code after} succeeded: one that ended after it, then the next (the
     * schedule starts a scan only when the last one ended). The last success is in whole seconds.
     */
    static void awaitScanAfter(SinkMetrics metrics, Instant after) {
        Await.until(() -> gauge(metrics, SinkMetrics.SCAN_LAST_SUCCESS) >= after.getEpochSecond() + 1, WAIT,
                "a scan that ended after " + after);
        double ended = gauge(metrics, SinkMetrics.SCAN_LAST_SUCCESS);
        Await.until(() -> gauge(metrics, SinkMetrics.SCAN_LAST_SUCCESS) > ended, WAIT,
                "a scan that started after " + after);
    }

    static double gauge(SinkMetrics metrics, String name) {
        Gauge g = metrics.registry().find(name).gauge();
        return g == null ? Double.NaN : g.value();
    }

    static double found(SinkMetrics metrics, String recognizer) {
        return metrics.registry().get(SinkMetrics.SCAN_FOUND).tags("region", "cn-north", "table", SCANNED,
                "column", "search_query", "recognizer", recognizer).gauge().value();
    }
}
