package dev.sieve.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.convert.EventConverter;
import dev.sieve.ingest.decode.EventBatchParser;
import dev.sieve.ingest.decode.JsonEvent;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.schemas.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BannerTest {

    static final Instant NOW = Instant.parse("2026-11-29T08:15:30.123456Z");
    static final Banner BANNER = new Banner("http://localhost:8080", "notes", "demo-abcdefghijklmnopqrstuvwx",
            "cn-north", "http://localhost:8123", "sieve", Optional.of("http://localhost:9400"), "localhost:40000",
            Optional.of("200 devices"));

    @Test
    void theCurlExampleIsAnEventTheCollectorAccepts() throws Exception {
        byte[] batch = BANNER.exampleBatch("0b6c6f5e-0000-4000-8000-000000000001", NOW)
                .getBytes(StandardCharsets.UTF_8);

        List<JsonEvent> events = new EventBatchParser(Limits.DEFAULT_MAX_EVENTS_PER_BATCH).parse(batch);
        EventOutcome outcome = new EventConverter(PolicyLoader.loadDefault(), Limits.defaults())
                .convert("notes", NOW, events.get(0).json(), events.get(0).original());

        assertThat(events).hasSize(1);
        assertThat(outcome).isInstanceOf(EventOutcome.Accepted.class);
    }

    @Test
    void printsCommandsThatPasteIntoAShell() {
        String text = BANNER.text("0b6c6f5e-0000-4000-8000-000000000001", NOW);

        assertThat(text)
                .contains("curl -sS http://localhost:8080/v1/events -H 'Authorization: Bearer demo-abcdefghijklmnopqrstuvwx'"
                        + " -H 'Content-Type: application/json' -d '{\"events\":[")
                .contains("\"event_time\":\"2026-11-29T08:15:30.123Z\"")
                .contains("curl -sS 'http://localhost:8123/?query=SELECT+name%2C+total_rows+FROM+system.tables+WHERE"
                        + "+database+%3D+%27sieve%27+AND+total_rows+%3E+0+ORDER+BY+name'")
                .contains("curl -sS http://localhost:8123/ --data-binary \"SELECT event_time, search_query FROM"
                        + " sieve.personalization_service_log")
                .contains("http://localhost:9400/metrics", "http://localhost:8080/health/ready");
        // The single-quoted shell words hold no single quote of their own.
        assertThat(BANNER.exampleBatch("id", NOW)).doesNotContain("'");
    }
}
