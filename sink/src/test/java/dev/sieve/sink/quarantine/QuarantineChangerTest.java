package dev.sieve.sink.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.PartitionOffset;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.port.Rejection;
import dev.sieve.sink.store.RegionStores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records the sink must not act on: rejected before any store or Kafka is touched (the caller dead-letters them). */
class QuarantineChangerTest {

    final SinkMetrics metrics = SinkMetrics.inMemory();
    final QuarantineChanger changer;

    QuarantineChangerTest() throws Exception {
        changer = new QuarantineChanger(new TableCatalog(PolicyLoader.loadDefault()), new RegionStores(Map.of()),
                offsets -> {
                    throw new AssertionError("nothing may be deleted");
                }, metrics, Clock.systemUTC());
    }

    @Test
    void aPurposeThePolicyLacksIsRejected() {
        assertThat(changer.apply(record("analytix", QuarantineState.QUARANTINED, List.of()))).contains(
                new Rejection(DeadLetterReason.QUARANTINE_INVALID, "the policy has no purpose analytix"));
        assertThat(metrics.registry().get(SinkMetrics.CONTROL).tag("kind", "quarantine").tag("outcome", "rejected")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aReleaseMayOnlyDiscardItsOwnPurposesRecords() {
        List<PartitionOffset> foreign = List.of(new PartitionOffset("sieve.purpose.analytics.device", 0, 5L),
                new PartitionOffset("sieve.purpose.service.device", 0, 5L));
        assertThat(changer.apply(record("analytics", QuarantineState.RELEASED, foreign))).contains(
                new Rejection(DeadLetterReason.QUARANTINE_INVALID, "a release of purpose analytics may only discard"
                        + " records of its own topics, not of sieve.purpose.service.device"));
    }

    private static PurposeQuarantine record(String purpose, QuarantineState state, List<PartitionOffset> discard) {
        return new PurposeQuarantine(purpose, state, "leak", "ops", Instant.EPOCH, discard);
    }
}
