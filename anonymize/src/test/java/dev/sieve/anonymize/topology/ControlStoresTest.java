package dev.sieve.anonymize.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the stage keeps the control topics it reads. */
class ControlStoresTest {

    @Test
    void theErasureListIsOnDiskAndSaltsStayInMemory(@TempDir Path stateDir) throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "control-stores");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(AnonymizeTopology.build(new Topics(policy),
                new Projections(policy, TestKeyRings.forPolicy(policy), Duration.ofDays(1)),
                TestKeyRings.erasureList(), new SimpleMeterRegistry(), Clock.systemUTC()), props)) {
            // the list grows with every erasure and is kept forever: a heap copy would grow without bound
            assertThat(driver.getKeyValueStore(AnonymizeTopology.ERASURE_STORE).persistent()).isTrue();
            // a destroyed salt must leave no copy on the instance's disk
            assertThat(driver.getKeyValueStore(AnonymizeTopology.SALT_STORE).persistent()).isFalse();
        }
    }
}
