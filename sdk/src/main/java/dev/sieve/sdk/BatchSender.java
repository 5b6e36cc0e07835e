package dev.sieve.sdk;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client's background thread: takes events off the queue in batches (up to the batch size, waiting at
 * most the linger time for a batch to fill), posts each batch and retries it under the {@link RetryPolicy}.
 * One batch is in flight at a time, so events from one client reach Kafka in the order they were sent.
 */
final class BatchSender implements Runnable {

    private static final System.Logger LOG = System.getLogger(SieveClient.class.getName());
    /** How often a waiting sender looks for flush and close requests. */
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final BlockingQueue<SieveEvent> queue;
    private final Progress progress;
    private final BatchEncoder encoder;
    private final HttpClient http;
    private final URI eventsUri;
    private final String authorization;
    private final Duration requestTimeout;
    private final int batchSize;
    private final long lingerNanos;
    private final RetryPolicy retry;
    private final Backoff backoff;
    private final Clock clock;

    BatchSender(BlockingQueue<SieveEvent> queue, Progress progress, BatchEncoder encoder, HttpClient http,
            URI eventsUri, String apiKey, Duration requestTimeout, int batchSize, Duration linger, RetryPolicy retry,
            Backoff backoff, Clock clock) {
        this.queue = queue;
        this.progress = progress;
        this.encoder = encoder;
        this.http = http;
        this.eventsUri = eventsUri;
        this.authorization = "Bearer " + apiKey;
        this.requestTimeout = requestTimeout;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.retry = retry;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void run() {
        List<SieveEvent> batch = new ArrayList<>(batchSize);
        try {
            while (fill(batch)) {
                deliver(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // close() ran out of time: what is left is not known to be delivered.
            queue.drainTo(batch);
            progress.settle(0, 0, batch.size());
            if (!batch.isEmpty()) {
                LOG.log(Level.WARNING, "Sieve client closed with {0} events not delivered", batch.size());
            }
        }
    }

    /** Waits for a batch; false once the client is closing and the queue is empty. */
    private boolean fill(List<SieveEvent> batch) throws InterruptedException {
        SieveEvent first = null;
        while (first == null) {
            if (progress.closing() && queue.isEmpty()) {
                return false;
            }
            first = queue.poll(POLL_SLICE_NANOS, TimeUnit.NANOSECONDS);
        }
        batch.add(first);
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize) {
            if (progress.closing() || progress.flushRequested()) {
                queue.drainTo(batch, batchSize - batch.size());
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            SieveEvent next = queue.poll(Math.min(left, POLL_SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
        return true;
    }

    private void deliver(List<SieveEvent> batch) throws InterruptedException {
        HttpRequest request = request(encoder.encode(batch));
        int n = batch.size();
        for (int attempt = 1; ; attempt++) {
            String problem;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    accepted(n, response.body());
                    return;
                }
                if (!retryable(status)) {
                    progress.settle(0, n, 0);
                    LOG.log(Level.WARNING, "Sieve collector refused a batch of {0} events with HTTP {1}: {2}", n,
                            status, CollectorReply.errorMessage(response.body()).orElse("no reason given"));
                    return;
                }
                problem = "HTTP " + status;
                retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            }
            if (attempt >= retry.maxAttempts()) {
                progress.settle(0, 0, n);
                LOG.log(Level.WARNING, "Sieve client dropped a batch of {0} events after {1} attempts; last: {2}", n,
                        attempt, problem);
                return;
            }
            Thread.sleep(backoff.delay(attempt, retryAfter).toMillis());
            progress.retried();
        }
    }

    private void accepted(int n, String body) {
        Optional<CollectorReply> reply = CollectorReply.parse(body);
        if (reply.isEmpty()) {
            // The collector acknowledged the batch, so Kafka has it; only the per-event detail is unreadable.
            progress.settle(n, 0, 0);
            return;
        }
        CollectorReply r = reply.get();
        // Counted so every event of the batch is settled exactly once, whatever the reply's arithmetic.
        long accepted = Math.min(r.accepted(), n);
        progress.settle(accepted, n - accepted, 0);
        r.firstRejection().ifPresent(first -> LOG.log(Level.WARNING,
                "Sieve collector rejected {0} of {1} events; first: {2}", n - accepted, n, first));
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(eventsUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .header("User-Agent", "sieve-java-sdk/" + SieveClient.SDK_VERSION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoder.gzip()) {
            b.header("Content-Encoding", "gzip");
        }
        return b.build();
    }

    /** Worth trying again: the collector is busy, Kafka is unreachable, or something in between failed. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status / 100 == 5;
    }
}
