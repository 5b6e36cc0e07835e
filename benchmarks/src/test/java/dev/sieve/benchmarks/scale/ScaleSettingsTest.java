package dev.sieve.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleSettingsTest {

    @Test
    void defaultsMeasureOneTwoAndFourInstancesOnFourPartitions() {
        ScaleSettings s = ScaleSettings.parse(new String[0]);

        assertThat(s.instances()).containsExactly(1, 2, 4);
        assertThat(s.partitions()).isEqualTo(4);
        assertThat(s.assumptions().eventsPerSecond()).isEqualTo(1_000_000);
        assertThat(s.given()).containsEntry("instances", "1,2,4").containsEntry("stage-heap", "256m");
    }

    @Test
    void givenValuesReplaceDefaults() {
        ScaleSettings s = ScaleSettings.parse(new String[] {"instances=1,2", "partitions=2", "sink-batch-age-ms=500"});

        assertThat(s.instances()).isEqualTo(List.of(1, 2));
        assertThat(s.sinkBatchAge()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.given()).containsEntry("partitions", "2");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> ScaleSettings.parse(new String[] {"instances=1,8", "stage-heap=lots", "colour=red",
                "cpu-utilization=2"}))
                .hasMessageContainingAll(
                        "unknown key 'colour' (known: instances, partitions,",
                        "instances: every count must be at most partitions (4), or an instance would get no partition",
                        "stage-heap must be a JVM heap size such as 256m, got 'lots'",
                        "cpu-utilization must be a number in (0, 1], got '2'");
    }
}
