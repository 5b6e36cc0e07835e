package dev.sieve.sink.write;

import dev.sieve.sink.metrics.SinkMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs store inserts on a fixed number of threads, so at most that many are in flight at once. Only inserts run
 * here: the Kafka consumer stays on the writer's thread (consumers are not thread-safe), and decoding and
 * encoding, whose deserializers and encoders are not thread-safe either, stay there too.
 *
 * <p>Each insert of a store takes a fixed cost before its first row (a round trip, parsing, a part to write),
 * which a single writer going round every table and region pays one after another; here the inserts of
 * different tables and regions overlap. The store must take concurrent calls: client-v2 pools its HTTP
 * connections; the embedded engine of {@code ./sieve run} runs as many statements at once as it has connections.
 */
public final class InsertPool implements AutoCloseable {

    /** Enough to overlap the fixed cost of several inserts; few enough not to flood one ClickHouse with parts. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;
    /** More would make a ClickHouse merge-bound long before it helps; also the limit of the config key. */
    public static final int MAX_IN_FLIGHT_LIMIT = 64;

    private final ExecutorService threads;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InsertPool(int maxInFlight, SinkMetrics metrics) {
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("maxInFlight must be between 1 and " + MAX_IN_FLIGHT_LIMIT + ", got "
                    + maxInFlight);
        }
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "sieve-sink-insert-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        metrics.insertsInFlight(inFlight);
    }

    /** Starts every insert; the result completes when all have, exceptionally with the first failure seen. */
    public CompletableFuture<Void> runAll(List<Runnable> inserts) {
        return CompletableFuture.allOf(inserts.stream().map(insert -> CompletableFuture.runAsync(() -> {
            inFlight.incrementAndGet();
            try {
                insert.run();
            } finally {
                inFlight.decrementAndGet();
            }
        }, threads)).toArray(CompletableFuture[]::new));
    }

    /** Interrupts what still runs (a retry's wait ends at once); its offsets were never committed. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
