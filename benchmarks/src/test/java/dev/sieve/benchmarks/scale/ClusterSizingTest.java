package dev.sieve.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSizingTest {

    private static final ClusterSizing.Assumptions MILLION = new ClusterSizing.Assumptions(1_000_000, 0.5, 3, 300,
            0.5, 300_000, 0.5, 2);

    private static ClusterSizing.Measured measured(double produced, double consumed) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("enrich", 20.0);
        cpu.put("anonymize", 60.0);
        return new ClusterSizing.Measured(cpu, produced, consumed, 5.2);
    }

    @Test
    void aStagesCostInMillisecondsPerThousandEventsIsItsCoresAtAMillionEventsPerSecondBeforeHeadroom() {
        ClusterSizing.Sizing sizing = ClusterSizing.size(measured(1_000, 1_000), MILLION);

        // 60 ms of CPU per 1 000 events = 60 µs per event; a million a second is 60 s of CPU per second: 60 cores,
        // 120 at half of each core.
        assertThat(sizing.coresByStage()).containsExactly(Map.entry("enrich", 40.0), Map.entry("anonymize", 120.0));
        assertThat(ClusterSizing.cores(60, new ClusterSizing.Assumptions(2_000, 1, 3, 300, 0.5, 300_000, 0.5, 2)))
                .isCloseTo(0.12, within(1e-12));
    }

    @Test
    void brokersFollowTheBusierOfReplicatedWritesAndWhatIsReadBack() {
        // 1 000 B per event produced, at a million events a second: 1 000 MB/s, written 3 times; 3 000 MB/s over
        // brokers that may each take 150 MB/s: 20 brokers.
        assertThat(ClusterSizing.size(measured(1_000, 1_000), MILLION).brokers()).isEqualTo(20);
        assertThat(ClusterSizing.size(measured(1_000, 1_000), MILLION).brokerBusiestMBps())
                .isCloseTo(3_000, within(1e-9));
        // When consumers read more than the replicas write (several readers per topic), network out decides:
        // 5 000 + 2 × 1 000 = 7 000 MB/s, 47 brokers.
        ClusterSizing.Sizing readHeavy = ClusterSizing.size(measured(1_000, 5_000), MILLION);
        assertThat(readHeavy.brokerBusiestMBps()).isCloseTo(7_000, within(1e-9));
        assertThat(readHeavy.brokers()).isEqualTo(47);
    }

    @Test
    void neverFewerBrokersThanReplicas() {
        assertThat(ClusterSizing.size(measured(1, 1), MILLION).brokers()).isEqualTo(3);
    }

    @Test
    void clickHouseShardsTakeTheRowsAtTheirUtilizationAndEachHasItsReplicas() {
        ClusterSizing.Sizing sizing = ClusterSizing.size(measured(1_000, 1_000), MILLION);

        // 5.2 rows per event: 5 200 000 rows/s over 150 000 per shard = 34.7, so 35 shards, 70 nodes.
        assertThat(sizing.clickHouseRowsPerSecond()).isCloseTo(5_200_000, within(1e-6));
        assertThat(sizing.clickHouseShards()).isEqualTo(35);
        assertThat(sizing.clickHouseNodes()).isEqualTo(70);
    }

    @Test
    void assumptionsOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> new ClusterSizing.Assumptions(1_000_000, 1.5, 3, 300, 0.5, 300_000, 0.5, 2))
                .hasMessage("cpuUtilization must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> new ClusterSizing.Assumptions(1_000_000, 0.5, 0, 300, 0.5, 300_000, 0.5, 2))
                .hasMessage("replicationFactor must be positive, got 0.0");
        assertThatThrownBy(() -> new ClusterSizing.Measured(Map.of("sink", -1.0), 1, 1, 1))
                .hasMessage("cpuMillisPerThousandEvents of sink must not be negative, got -1.0");
    }
}
