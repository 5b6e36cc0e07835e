package dev.sieve.benchmarks.e2e;

import dev.sieve.sdk.ClientStats;
import dev.sieve.sdk.SieveClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Apps sending to the collector: several {@link SieveClient}s, each driven by its own thread, sending
 * {@link MixedEvents}. Event {@code seq} of a phase has id {@code <prefix>-<seq>} and is sent by client
 * {@code seq % clients}; its event time is the moment the benchmark hands it to the SDK, so event time is send time.
 * With several collectors, client {@code c} sends to collector {@code c % collectors}, as apps behind a load
 * balancer would spread over them.
 *
 * <p>A client whose queue is full makes its thread wait ({@code maxEnqueueWait}) instead of dropping: the load is
 * what the collector takes, never more. Any event the collector rejects or the SDK drops fails the phase, so every
 * figure is about events that were all delivered.
 */
public final class SdkLoad implements AutoCloseable {

    private static final Duration ENQUEUE_WAIT = Duration.ofMinutes(1);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(5);

    /** What a burst did: when its first event was handed to the SDK and when the collector had answered all. */
    public record Burst(int events, long firstSendMillis, long acceptedMillis) {}

    /**
     * What a paced phase did.
     *
     * @param sendMillis  epoch millisecond each event was handed to the SDK, by sequence number (its event time)
     * @param maxLagMillis how far the slowest send fell behind its schedule: near zero means the rate was offered
     */
    public record Paced(String prefix, long[] sendMillis, long maxLagMillis) {}

    private final List<SieveClient> clients = new ArrayList<>();
    private final AtomicLong handed = new AtomicLong();
    private final MixedEvents events;
    private final ExecutorService threads;

    public SdkLoad(List<URI> collectors, String apiKey, String appId, int clients, int batchSize, Duration linger,
            MixedEvents events) {
        if (collectors.isEmpty()) {
            throw new IllegalArgumentException("collectors must name at least one collector");
        }
        for (int i = 0; i < clients; i++) {
            this.clients.add(SieveClient.builder().endpoint(collectors.get(i % collectors.size())).apiKey(apiKey).appId(appId)
                    .appVersion("4.3.0").region("cn-north").batchSize(batchSize).linger(linger)
                    .maxEnqueueWait(ENQUEUE_WAIT).build());
        }
        this.events = events;
        this.threads = Executors.newFixedThreadPool(clients, r -> new Thread(r, "benchmark-app"));
    }

    /** Events handed to the SDK so far, over all clients. */
    public long handed() {
        return handed.get();
    }

    /** Events the collector has accepted so far, over all clients. */
    public long accepted() {
        return clients.stream().mapToLong(c -> c.stats().sent()).sum();
    }

    /** Sends {@code n} events as fast as the collector accepts them and waits until it has answered every one. */
    public Burst burst(String prefix, int n) throws Exception {
        List<ClientStats> before = stats();
        long first = System.currentTimeMillis();
        List<Long> acceptedAt = run(c -> {
            SieveClient client = clients.get(c);
            for (long seq = c; seq < n; seq += clients.size()) {
                send(client, prefix, seq, Instant.now());
            }
            return flush(client);
        });
        checkDelivered(before, n);
        return new Burst(n, first, acceptedAt.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    /**
     * Offers {@code eventsPerSecond} for {@code duration}, each client an equal share on its own evenly spaced
     * schedule, and waits until the collector has answered every event.
     */
    public Paced paced(String prefix, double eventsPerSecond, Duration duration) throws Exception {
        int n = events(eventsPerSecond, duration);
        long[] sendMillis = new long[n];
        double intervalNanos = 1e9 * clients.size() / eventsPerSecond;
        List<ClientStats> before = stats();
        long start = System.nanoTime();
        List<Long> lags = run(c -> {
            SieveClient client = clients.get(c);
            long maxLag = 0;
            for (long seq = c; seq < n; seq += clients.size()) {
                // Clients are staggered across one interval, so together they offer an even stream.
                long due = start + (long) ((seq / clients.size() + (double) c / clients.size()) * intervalNanos);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                maxLag = Math.max(maxLag, System.nanoTime() - due);
                long now = System.currentTimeMillis();
                sendMillis[(int) seq] = now;
                send(client, prefix, seq, Instant.ofEpochMilli(now));
            }
            flush(client);
            return maxLag / 1_000_000;
        });
        checkDelivered(before, n);
        return new Paced(prefix, sendMillis, lags.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    /** How many events {@link #paced} sends at that rate for that long. */
    public static int events(double eventsPerSecond, Duration duration) {
        return (int) (eventsPerSecond * duration.toNanos() / 1e9);
    }

    private void send(SieveClient client, String prefix, long seq, Instant eventTime) {
        if (!client.send(events.event(seq, prefix + "-" + seq, eventTime))) {
            throw new IllegalStateException("the SDK dropped event " + seq + " of " + prefix);
        }
        handed.incrementAndGet();
    }

    private static long flush(SieveClient client) {
        if (!client.flush(FLUSH_TIMEOUT)) {
            throw new IllegalStateException("the collector did not answer within " + FLUSH_TIMEOUT);
        }
        return System.currentTimeMillis();
    }

    private List<ClientStats> stats() {
        return clients.stream().map(SieveClient::stats).toList();
    }

    private void checkDelivered(List<ClientStats> before, int n) {
        long sent = 0;
        for (int i = 0; i < clients.size(); i++) {
            ClientStats a = before.get(i);
            ClientStats b = clients.get(i).stats();
            if (b.rejected() != a.rejected() || b.dropped() != a.dropped()) {
                throw new IllegalStateException("client " + i + ": " + (b.rejected() - a.rejected())
                        + " events rejected, " + (b.dropped() - a.dropped()) + " dropped");
            }
            sent += b.sent() - a.sent();
        }
        if (sent != n) {
            throw new IllegalStateException("the collector accepted " + sent + " events, expected " + n);
        }
    }

    private interface PerClient {
        long run(int client) throws Exception;
    }

    /** Runs {@code task} once per client, each on its own thread, and returns what each returned. */
    private List<Long> run(PerClient task) throws Exception {
        List<Future<Long>> futures = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            int client = c;
            futures.add(threads.submit((Callable<Long>) () -> task.run(client)));
        }
        List<Long> out = new ArrayList<>();
        for (Future<Long> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        clients.forEach(SieveClient::close);
    }
}
