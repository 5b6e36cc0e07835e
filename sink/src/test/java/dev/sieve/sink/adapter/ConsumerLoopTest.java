package dev.sieve.sink.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.sink.port.PollHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final List<String> steps = new CopyOnWriteArrayList<>();

    @Test
    void closeEndsTheLoopWithTheHandlersLastStepAndClosesTheConsumer() throws Exception {
        ConsumerLoop loop = new ConsumerLoop(consumer, handler(false));
        CompletableFuture<Void> done = CompletableFuture.runAsync(loop);
        while (!steps.contains("afterPoll")) {
            Thread.sleep(5);
        }
        loop.close();
        done.get(10, TimeUnit.SECONDS);
        assertThat(steps.get(0)).isEqualTo("subscribe");
        assertThat(steps.get(steps.size() - 1)).isEqualTo("onStop");
        assertThat(steps.stream().filter("onStop"::equals)).hasSize(1);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aFailureLeavesTheLoopWithoutTheLastStep() {
        ConsumerLoop loop = new ConsumerLoop(consumer, handler(true));
        assertThatThrownBy(loop::run).isInstanceOf(IllegalStateException.class).hasMessage("poll failed");
        assertThat(steps).containsExactly("subscribe", "pollOnce");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void closingALoopThatNeverRanReturnsAtOnce() {
        new ConsumerLoop(consumer, handler(false)).close();
        assertThat(steps).isEmpty();
    }

    private PollHandler handler(boolean failPolling) {
        return new PollHandler() {
            @Override
            public void subscribe() {
                steps.add("subscribe");
                consumer.subscribe(List.of("t"));
            }

            @Override
            public void pollOnce() {
                steps.add("pollOnce");
                if (failPolling) {
                    throw new IllegalStateException("poll failed");
                }
                consumer.poll(Duration.ofMillis(10));
            }

            @Override
            public void afterPoll() {
                steps.add("afterPoll");
            }

            @Override
            public void onStop() {
                steps.add("onStop");
            }
        };
    }
}
