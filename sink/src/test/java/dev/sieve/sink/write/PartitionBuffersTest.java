package dev.sieve.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionBuffersTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);

    static ConsumerRecord<byte[], byte[]> rec(int partition, long offset, int size) {
        return new ConsumerRecord<>("t", partition, offset, new byte[0], new byte[size]);
    }

    @Test
    void aPartitionBecomesABatchAtItsRowThreshold() {
        PartitionBuffers buffers = new PartitionBuffers(new BatchThresholds(3, 1_000, Duration.ofSeconds(5)));
        buffers.add(rec(0, 10, 1), T0);
        buffers.add(rec(0, 11, 1), T0);
        buffers.add(rec(1, 5, 1), T0);
        assertThat(buffers.ready(T0, tp -> 0, Set.of())).isEmpty();

        buffers.add(rec(0, 12, 1), T0);

        List<PartitionBatch> ready = buffers.ready(T0, tp -> 0, Set.of());
        assertThat(ready).singleElement().satisfies(b -> {
            assertThat(b.partition()).isEqualTo(P0);
            assertThat(b.firstOffset()).isEqualTo(10);
            assertThat(b.lastOffset()).isEqualTo(12);
        });
    }

    @Test
    void aPartitionWhosePreviousBatchIsBeingStoredWaitsAndSaysWhenItIsFull() {
        PartitionBuffers buffers = new PartitionBuffers(new BatchThresholds(2, 1_000, Duration.ofSeconds(5)));
        buffers.add(rec(0, 10, 1), T0);
        buffers.add(rec(0, 11, 1), T0);
        buffers.add(rec(1, 5, 1), T0);
        assertThat(buffers.full()).containsExactly(P0);

        assertThat(buffers.ready(T0.plusSeconds(9), tp -> 0, Set.of(P0)))
                .extracting(PartitionBatch::partition).containsExactly(P1);
        assertThat(buffers.full()).containsExactly(P0);
        assertThat(buffers.ready(T0.plusSeconds(9), tp -> 0, Set.of())).singleElement()
                .satisfies(b -> assertThat(b.firstOffset()).isEqualTo(10));
        assertThat(buffers.full()).isEmpty();
    }

    @Test
    void aPartitionBecomesABatchAtItsByteThresholdOrWhenItsOldestRecordIsOldEnough() {
        PartitionBuffers buffers = new PartitionBuffers(new BatchThresholds(100, 10, Duration.ofSeconds(5)));
        buffers.add(rec(0, 1, 6), T0);
        buffers.add(rec(1, 1, 1), T0);
        assertThat(buffers.ready(T0.plusSeconds(4), tp -> 0, Set.of())).isEmpty();

        buffers.add(rec(0, 2, 4), T0.plusSeconds(4));
        assertThat(buffers.ready(T0.plusSeconds(4), tp -> 0, Set.of())).extracting(PartitionBatch::partition).containsExactly(P0);
        assertThat(buffers.ready(T0.plusSeconds(5), tp -> 0, Set.of())).extracting(PartitionBatch::partition).containsExactly(P1);
        assertThat(buffers.isEmpty()).isTrue();
    }

    @Test
    void anInterruptedBatchIsRebuiltExactlyWhateverTheThresholds() {
        PartitionBuffers buffers = new PartitionBuffers(new BatchThresholds(2, 1_000, Duration.ofSeconds(5)));
        buffers.expectIntent(P0, 12);
        buffers.add(rec(0, 10, 1), T0);
        buffers.add(rec(0, 11, 1), T0);
        assertThat(buffers.ready(T0.plusSeconds(60), tp -> 12, Set.of())).isEmpty();

        buffers.add(rec(0, 12, 1), T0);
        buffers.add(rec(0, 13, 1), T0);

        List<PartitionBatch> ready = buffers.ready(T0, tp -> 14, Set.of());
        assertThat(ready).singleElement().satisfies(b -> {
            assertThat(b.firstOffset()).isEqualTo(10);
            assertThat(b.lastOffset()).isEqualTo(12);
        });
        assertThat(buffers.drain(T0, tp -> 14)).singleElement()
                .satisfies(b -> assertThat(b.firstOffset()).isEqualTo(13));
    }

    @Test
    void aCleanShutdownLeavesAnUnfinishedInterruptedBatchToTheNextOwner() {
        PartitionBuffers buffers = new PartitionBuffers(BatchThresholds.DEFAULTS);
        buffers.expectIntent(P0, 20);
        buffers.add(rec(0, 10, 1), T0);
        buffers.add(rec(1, 3, 1), T0);

        assertThat(buffers.drain(T0, tp -> 11)).extracting(PartitionBatch::partition).containsExactly(P1);
    }

    @Test
    void tokensAndIntentsAreDeterministicFunctionsOfOffsets() {
        assertThat(DedupToken.of("sieve.purpose.analytics.ip", 3, 100, 149, List.of("cn-north")))
                .isEqualTo("sieve-sink:sieve.purpose.analytics.ip:3:100-149:cn-north");
        assertThat(DedupToken.of("sieve.purpose.analytics.ip", 3, 100, 149, List.of("cn-north", "cn-east")))
                .as("the regions of an insert shared by two, in name order whatever order their rows came in")
                .isEqualTo("sieve-sink:sieve.purpose.analytics.ip:3:100-149:cn-east+cn-north")
                .isEqualTo(DedupToken.of("sieve.purpose.analytics.ip", 3, 100, 149, List.of("cn-east", "cn-north")));
        PartitionBatch batch = new PartitionBatch(P0, List.of(rec(0, 7, 1), rec(0, 9, 1)));
        OffsetAndMetadata intent = CommitIntent.intent(batch);
        assertThat(intent.offset()).isEqualTo(7);
        assertThat(intent.metadata()).isEqualTo("sieve-sink/intent-last=9");
        assertThat(CommitIntent.lastOffset(intent)).isEqualTo(OptionalLong.of(9));
        assertThat(CommitIntent.done(batch)).isEqualTo(new OffsetAndMetadata(10, ""));
        assertThat(CommitIntent.lastOffset(CommitIntent.done(batch))).isEmpty();
        assertThat(CommitIntent.lastOffset(null)).isEmpty();
    }

    @Test
    void unreadGivesBackWhereEachHeldPartitionMustBeReadAgainAndKeepsItsIntent() {
        PartitionBuffers buffers = new PartitionBuffers(new BatchThresholds(100, 1_000, Duration.ofSeconds(5)));
        buffers.expectIntent(P0, 11);
        buffers.add(rec(0, 10, 1), T0);
        buffers.add(rec(1, 5, 1), T0);
        buffers.add(rec(1, 6, 1), T0);

        assertThat(buffers.unread(List.of(P0, P1, new TopicPartition("t", 2))))
                .containsExactly(Map.entry(P0, 10L), Map.entry(P1, 5L));
        assertThat(buffers.isEmpty()).isTrue();

        // read again from offset 10: the interrupted batch is rebuilt exactly as its intent says
        buffers.add(rec(0, 10, 1), T0);
        buffers.add(rec(0, 11, 1), T0);
        buffers.add(rec(0, 12, 1), T0);
        assertThat(buffers.ready(T0, tp -> 0, Set.of())).singleElement().satisfies(b -> {
            assertThat(b.firstOffset()).isEqualTo(10);
            assertThat(b.lastOffset()).isEqualTo(11);
        });
    }
}
