package dev.sieve.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.streams.StageSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StageConfigsTest {

    static final StageConfigs CONFIGS = new StageConfigs("kafka:9092", Map.of("security.protocol", "SSL"),
            Optional.of(Path.of("policy.yaml")), Path.of("keys"), Optional.empty(), Optional.of(Path.of("ranges.csv")),
            Path.of("state"), "127.0.0.1", 0, "notes", "demo-0123456789abcdef");

    @Test
    void theCollectorTakesTheOneAppWithTheStagesDefaults() {
        CollectorConfig c = CONFIGS.collector();

        assertThat(c.apiKeys()).containsExactly(Map.entry("notes", "demo-0123456789abcdef"));
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.kafka().clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(c.policy()).hasValue(Path.of("policy.yaml"));
        assertThat(c.tls()).isEmpty();
    }

    @Test
    void theStreamsStagesRunExactlyOnceWithoutTheirOwnMetricsEndpoints() {
        StageSettings enrich = CONFIGS.enrich().stage();
        StageSettings anonymize = CONFIGS.anonymize().stage();
        Properties p = enrich.streamsProperties();

        assertThat(enrich.applicationId()).isEqualTo("sieve-enrich");
        assertThat(anonymize.applicationId()).isEqualTo("sieve-anonymize");
        assertThat(enrich.metricsPort()).isEqualTo(-1);
        assertThat(anonymize.metricsPort()).isEqualTo(-1);
        assertThat(p).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry("security.protocol", "SSL").containsEntry(StreamsConfig.STATE_DIR_CONFIG, "state");
        assertThat(CONFIGS.enrich().geoRanges()).hasValue(Path.of("ranges.csv"));
        assertThat(CONFIGS.anonymize().keysDir()).hasValue(Path.of("keys"));
    }
}
