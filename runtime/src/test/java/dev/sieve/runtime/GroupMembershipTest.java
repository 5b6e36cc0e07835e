package dev.sieve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    @Test
    void anInstanceIdMakesTheMemberStaticWithTheSessionAndAHeartbeatAThirdOfIt() throws Exception {
        ConfigReader r = new ConfigReader("t", Map.of("kafka.instance-id", "enrich-2",
                "kafka.session-timeout-ms", "7500"), Map.of());
        GroupMembership m = GroupMembership.read(r, Map.of(), "streams.");
        r.finish();

        assertThat(m).isEqualTo(new GroupMembership(Optional.of("enrich-2"), Duration.ofMillis(7500)));
        assertThat(m.consumerSettings()).containsExactly(Map.entry("group.instance.id", "enrich-2"),
                Map.entry("session.timeout.ms", "7500"), Map.entry("heartbeat.interval.ms", "2500"));
    }

    @Test
    void withoutKeysTheMemberIsDynamicWithATenSecondSession() throws Exception {
        ConfigReader r = new ConfigReader("t", Map.of(), Map.of());
        GroupMembership m = GroupMembership.read(r, Map.of(), "streams.");
        r.finish();

        assertThat(m).isEqualTo(GroupMembership.DEFAULTS);
        assertThat(m.consumerSettings()).containsExactly(Map.entry("session.timeout.ms", "10000"),
                Map.entry("heartbeat.interval.ms", "3000"));
    }

    @Test
    void badValuesAndPassThroughsOfTheSameSettingsAreProblems() {
        ConfigReader r = new ConfigReader("t", Map.of("kafka.instance-id", "a b", "kafka.session-timeout-ms", "10"),
                Map.of());
        GroupMembership.read(r, Map.of("main.consumer.session.timeout.ms", "1", "consumer.group.instance.id", "x"),
                "streams.");

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly("kafka.instance-id: letters, digits, '.', '_' and '-' only, at most 240",
                        "kafka.session-timeout-ms: must be between 1000 and 2147483647",
                        "streams.consumer.group.instance.id: set kafka.instance-id instead",
                        "streams.main.consumer.session.timeout.ms: set kafka.session-timeout-ms instead"));
    }
}
