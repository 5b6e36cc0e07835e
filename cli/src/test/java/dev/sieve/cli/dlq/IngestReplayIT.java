package dev.sieve.cli.dlq;

import static dev.sieve.cli.dlq.KafkaTopics.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.ingest.Collector;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve dlq replay --stage ingest}: dead letters the real collector wrote (an event of a JSON batch, a
 * record of an OTLP request, a whole unreadable body) are judged again by the collector's own code under its new
 * configuration. What is now valid reaches its raw topic once; what still fails is a dead letter again, counted,
 * never replayed again; an app without an API key any more is left alone.
 */
class IngestReplayIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final String NOTES_KEY = "notes-key-0123456789abcdef";
    static final String GONE_KEY = "gone-key-0123456789abcdef";
    static final String LONG_QUERY = "a search query longer than the first limit";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void nowValidEventsReachTheirRawTopicOnceAndStillInvalidOnesStayDead(@TempDir Path dir) throws Exception {
        KafkaTopics.apply(KAFKA.bootstrapServers());
        Path strict = Files.writeString(dir.resolve("collector-before.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(), "http.host=127.0.0.1", "http.port=0",
                "apps.notes.api-key=" + NOTES_KEY, "apps.gone.api-key=" + GONE_KEY, "limits.max-string-length=16"));
        try (Collector collector = Collector.start(CollectorConfigLoader.read(strict, Map.of()))) {
            HttpResponse<String> batch = post(collector.port(), "/v1/events", NOTES_KEY, "{'events':["
                    + search("ev-long", "notes", LONG_QUERY) + ","
                    + "{'family':'device','event':{" + envelope("ev-colour", "notes") + ",'colour':'red'}}]}");
            assertThat(batch.body()).contains("\"rejected\":2", "string_too_long", "unknown_field");
            assertThat(post(collector.port(), "/v1/events", GONE_KEY, "{'events':["
                    + search("ev-gone", "gone", LONG_QUERY) + "]}").statusCode()).isEqualTo(200);
            assertThat(post(collector.port(), "/v1/events", NOTES_KEY, "{'events':[").statusCode()).isEqualTo(400);
            assertThat(post(collector.port(), "/v1/logs", NOTES_KEY, "{'resourceLogs':[{'resource':{'attributes':["
                    + "{'key':'service.version','value':{'stringValue':'4.2.1'}},"
                    + "{'key':'sieve.region','value':{'stringValue':'cn-north'}},"
                    + "{'key':'device.id','value':{'stringValue':'dev-otel'}}]},'scopeLogs':[{'logRecords':[{"
                    + "'timeUnixNano':'1764404130123000000','attributes':["
                    + "{'key':'sieve.event_id','value':{'stringValue':'ev-otlp'}},"
                    + "{'key':'sieve.action','value':{'stringValue':'SEARCH'}},"
                    + "{'key':'sieve.search_query','value':{'stringValue':'" + LONG_QUERY + "'}}]}]}]}]}")
                    .body()).contains("rejectedLogRecords");
        }
        List<ConsumerRecord<byte[], byte[]>> deadLetters = read(KAFKA.bootstrapServers(), "sieve.dlq.ingest", true);
        assertThat(deadLetters).hasSize(5);
        // the collector's limits are raised; app "gone" has lost its key
        Path fixed = Files.writeString(dir.resolve("collector-after.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(), "apps.notes.api-key=" + NOTES_KEY));
        Path config = KafkaTopics.sinkConfig(dir, KAFKA.bootstrapServers());

        CliRun run = CliRun.of("dlq", "replay", "--config", config.toString(), "--stage", "ingest",
                "--collector-config", fixed.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                sieve.dlq.ingest
                  replayed: 2
                    sieve.raw.service_log  2
                  still failing: 2 (dead letters again with the new reason, marked as failed replays: never replayed\
                 again)
                    malformed_json  1
                    unknown_field  1
                  not replayable, left in sieve.dlq.ingest: 1
                    app gone has no API key in the collector configuration  1
                  skipped by the --reason filter (still pending): 0
                """);
        Topics topics = new Topics(PolicyLoader.loadDefault());
        TopicSpec<String, SpecificRecord> serviceLogs = topics.raw(EventFamily.SERVICE_LOG);
        List<ConsumerRecord<byte[], byte[]>> raw = read(KAFKA.bootstrapServers(), serviceLogs.name(), true);
        assertThat(raw).hasSize(2);
        for (ConsumerRecord<byte[], byte[]> r : raw) {
            ServiceLogEvent event = (ServiceLogEvent) serviceLogs.valueSerde().deserializer()
                    .deserialize(serviceLogs.name(), r.value());
            assertThat(event.getSearchQuery()).isEqualTo(LONG_QUERY);
            ConsumerRecord<byte[], byte[]> letter = deadLetters.stream().filter(d -> new String(d.value(),
                    StandardCharsets.UTF_8).contains(event.getEnvelope().getEventId())).findFirst().orElseThrow();
            // received when the collector first took it, not when it was replayed
            assertThat(event.getEnvelope().getReceivedTime()).isEqualTo(Instant.ofEpochMilli(letter.timestamp()));
        }
        assertThat(raw.stream().map(r -> ((ServiceLogEvent) serviceLogs.valueSerde().deserializer()
                .deserialize(serviceLogs.name(), r.value())).getEnvelope().getEventId()))
                .containsExactlyInAnyOrder("ev-long", "ev-otlp");

        List<ConsumerRecord<byte[], byte[]>> after = read(KAFKA.bootstrapServers(), "sieve.dlq.ingest", true);
        assertThat(after).hasSize(7);
        assertThat(after.stream().filter(d -> DeadLetterMetadata.of(d).replayedFrom().isEmpty())
                .map(d -> d.partition() + ":" + d.offset())).as("the dead letters replayed are still there")
                .containsExactlyElementsOf(deadLetters.stream().map(d -> d.partition() + ":" + d.offset()).toList());
        List<ConsumerRecord<byte[], byte[]>> again = after.stream()
                .filter(d -> DeadLetterMetadata.of(d).failedReplayOf("sieve.dlq.ingest")).toList();
        assertThat(again.stream().map(d -> DeadLetterMetadata.of(d).detail()))
                .containsExactlyInAnyOrder("event.colour: unknown field",
                        "body is not valid JSON (line 1, column 12)");

        CliRun rerun = CliRun.of("dlq", "replay", "--config", config.toString(), "--stage", "ingest",
                "--collector-config", fixed.toString());
        assertThat(rerun.out()).contains("  replayed: 0\n", "  still failing: 0\n",
                "  not replayable, left in sieve.dlq.ingest: 2\n    " + DlqReplayer.FAILED_AFTER_REPLAY + "  2\n");
        assertThat(read(KAFKA.bootstrapServers(), serviceLogs.name(), true)).hasSize(2);
    }

    static String envelope(String eventId, String app) {
        return "'envelope':{'event_id':'" + eventId + "','event_time':'2026-11-29T08:15:30.123Z','app_id':'" + app
                + "','app_version':'4.2.1','sdk_version':'0.1.0','region':'cn-north','device_id':'dev-5c1f'}";
    }

    static String search(String eventId, String app, String query) {
        return "{'family':'service_log','event':{" + envelope(eventId, app) + ",'action':'SEARCH','search_query':'"
                + query + "'}}";
    }

    static HttpResponse<String> post(int port, String path, String apiKey, String singleQuoted) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(singleQuoted.replace('\'', '"'))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
