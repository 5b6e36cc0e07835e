package dev.sieve.sink.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.PartitionOffset;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.sink.model.TableCatalog;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class QuarantinesTest {

    static final String DEVICE = "sieve.purpose.analytics.device";
    static final String IP = "sieve.purpose.analytics.ip";

    final TableCatalog catalog;
    final Quarantines quarantines;

    QuarantinesTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        quarantines = new Quarantines(catalog);
    }

    static PurposeQuarantine state(QuarantineState state, List<PartitionOffset> discard) {
        return new PurposeQuarantine("analytics", state, "leak", "ops", Instant.EPOCH, discard);
    }

    @Test
    void theLatestRecordOfAPurposeDecidesWhetherItsTopicsAreHeld() {
        assertThat(quarantines.held(DEVICE)).isFalse();
        long before = quarantines.version();

        quarantines.apply("analytics", state(QuarantineState.QUARANTINED, List.of()));
        assertThat(quarantines.version()).isGreaterThan(before);
        assertThat(quarantines.held(DEVICE)).isTrue();
        assertThat(quarantines.held(IP)).isTrue();
        assertThat(quarantines.held("sieve.purpose.service.device")).isFalse();
        assertThat(quarantines.held("sieve.control.retention")).as("not a purpose topic").isFalse();
        assertThat(quarantines.quarantined("analytics")).isTrue();

        quarantines.apply("analytics", state(QuarantineState.RELEASED, List.of()));
        assertThat(quarantines.held(DEVICE)).isFalse();

        quarantines.apply("analytics", state(QuarantineState.QUARANTINED, List.of()));
        quarantines.apply("analytics", null);
        assertThat(quarantines.held(DEVICE)).as("a tombstone forgets the purpose").isFalse();
    }

    @Test
    void onlyADiscardingReleaseMovesThePartitionsItNames() {
        List<PartitionOffset> discard = List.of(new PartitionOffset(DEVICE, 0, 42L), new PartitionOffset(DEVICE, 1, 7L));
        quarantines.apply("analytics", state(QuarantineState.QUARANTINED, discard));
        assertThat(quarantines.discardBefore(new TopicPartition(DEVICE, 0))).as("not released yet").isEmpty();

        quarantines.apply("analytics", state(QuarantineState.RELEASED, discard));
        assertThat(quarantines.discardBefore(new TopicPartition(DEVICE, 0))).isEqualTo(OptionalLong.of(42));
        assertThat(quarantines.discardBefore(new TopicPartition(DEVICE, 1))).isEqualTo(OptionalLong.of(7));
        assertThat(quarantines.discardBefore(new TopicPartition(IP, 0))).isEmpty();
        assertThat(quarantines.discardBefore(new TopicPartition("sieve.purpose.service.device", 0))).isEmpty();
    }

    @Test
    void anUndecodableRecordIsSkippedAndThePurposeKeepsItsState() {
        quarantines.apply("analytics", state(QuarantineState.QUARANTINED, List.of()));
        quarantines.applyEncoded("analytics", new byte[] {1, 2, 3});
        assertThat(quarantines.held(DEVICE)).isTrue();

        TopicSpec<String, PurposeQuarantine> topic = catalog.topics().quarantine();
        quarantines.applyEncoded("analytics", topic.valueSerde().serializer().serialize(topic.name(),
                state(QuarantineState.RELEASED, List.of())));
        assertThat(quarantines.held(DEVICE)).isFalse();
        assertThat(quarantines.encodedTopic().name()).isEqualTo(topic.name());
    }
}
