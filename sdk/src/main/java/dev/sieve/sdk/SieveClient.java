package dev.sieve.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Sends telemetry events to a Sieve collector. Build one per app with {@link #builder()}, share it across
 * threads, close it when the app stops.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #send} never blocks longer than {@code maxEnqueueWait} (zero by default) and never throws for
 *       transport problems; {@link #flush()} and {@link #close()} never block longer than their timeouts.</li>
 *   <li>Events are batched on one background thread, gzipped, and posted to {@code <endpoint>/v1/events}; one
 *       batch is in flight at a time, so the collector receives events in the order they were sent.</li>
 *   <li>A batch the collector could not take (HTTP 429, 5xx, network error) is retried under the
 *       {@link RetryPolicy}, honouring {@code Retry-After}. Events the collector rejects as invalid are counted
 *       and not retried.</li>
 *   <li>Overflow policy: the queue holds at most {@code queueCapacity} events; when it is full, the event being
 *       sent is dropped (drop newest) and counted, so older events, already waiting, keep their place.</li>
 *   <li>Every event is counted exactly once as sent, rejected or dropped ({@link #stats()}).</li>
 * </ul>
 */
public final class SieveClient implements AutoCloseable {

    /** This SDK's version, sent with every event as {@code envelope.sdk_version}. */
    public static final String SDK_VERSION = readSdkVersion();

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Duration DEFAULT_MAX_ENQUEUE_WAIT = Duration.ZERO;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than the collector's default worst case (Kafka delivery timeout plus blocking), so it can answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Path of the collector's batch endpoint, below the configured endpoint. */
    static final String EVENTS_PATH = "/v1/events";
    /** How long close() waits for the sender thread after interrupting it. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

    private final BlockingQueue<SieveEvent> queue;
    private final Progress progress = new Progress();
    private final Thread sender;
    private final long maxEnqueueWaitNanos;
    private final Duration flushTimeout;
    private final Duration closeTimeout;

    private SieveClient(Builder b) {
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        this.maxEnqueueWaitNanos = b.maxEnqueueWait.toNanos();
        this.flushTimeout = b.flushTimeout;
        this.closeTimeout = b.closeTimeout;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(b.connectTimeout);
        if (b.sslContext != null) {
            http.sslContext(b.sslContext);
        }
        URI eventsUri = URI.create(b.endpoint.toString().replaceAll("/+$", "") + EVENTS_PATH);
        BatchEncoder encoder = new BatchEncoder(b.appId, b.appVersion, SDK_VERSION, b.region, b.deviceId, b.gzip);
        BatchSender batchSender = new BatchSender(queue, progress, encoder, http.build(), eventsUri, b.apiKey,
                b.requestTimeout, b.batchSize, b.linger, b.retryPolicy,
                new Backoff(b.retryPolicy, () -> ThreadLocalRandom.current().nextDouble()), Clock.systemUTC());
        this.sender = new Thread(batchSender, "sieve-sdk-sender");
        sender.setDaemon(true);
        sender.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues an event for sending. Never throws for transport problems and never waits longer than
     * {@code maxEnqueueWait}.
     *
     * @return true if queued; false if dropped because the queue stayed full or the client is closed
     */
    public boolean send(SieveEvent event) {
        Objects.requireNonNull(event, "event");
        if (progress.closing()) {
            progress.droppedBeforeQueue();
            return false;
        }
        boolean queued;
        try {
            queued = maxEnqueueWaitNanos == 0 ? queue.offer(event)
                    : queue.offer(event, maxEnqueueWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (queued) {
            progress.queued();
            if (progress.closing() && !sender.isAlive() && queue.remove(event)) {
                // close() finished between the check above and the offer: nobody will send this event.
                progress.settle(0, 0, 1);
                return false;
            }
        } else {
            progress.droppedBeforeQueue();
        }
        return queued;
    }

    /** {@link #flush(Duration)} with the configured flush timeout. */
    public boolean flush() {
        return flush(flushTimeout);
    }

    /**
     * Sends what is queued without waiting for batches to fill, and waits until every event given to
     * {@link #send} before this call is sent, rejected or dropped.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return progress.awaitSettled(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops taking events and sends what is queued, waiting at most the configured close timeout; events still
     * not delivered then are dropped and counted. Safe to call more than once.
     */
    @Override
    public void close() {
        progress.close();
        try {
            sender.join(Math.max(1, closeTimeout.toMillis()));
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(INTERRUPT_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Events that a racing send() queued after the sender's last look.
        List<SieveEvent> left = new ArrayList<>();
        queue.drainTo(left);
        progress.settle(0, 0, left.size());
    }

    /** A snapshot of the counters. */
    public ClientStats stats() {
        return progress.stats();
    }

    private static String readSdkVersion() {
        try (InputStream in = SieveClient.class.getResourceAsStream("sdk.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/sieve/sdk/sdk.properties is missing from the SDK jar");
            }
            Properties p = new Properties();
            p.load(in);
            return Objects.requireNonNull(p.getProperty("version"), "version in sdk.properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Configures a {@link SieveClient}. Required: {@link #endpoint}, {@link #apiKey}, {@link #appId},
     * {@link #appVersion}, {@link #region}. Each setter checks its argument and names it when it refuses it;
     * {@link #build()} names every missing setting at once and checks how settings combine.
     */
    public static final class Builder {
        private URI endpoint;
        private String apiKey;
        private String appId;
        private String appVersion;
        private String region;
        private String deviceId;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration linger = DEFAULT_LINGER;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Duration maxEnqueueWait = DEFAULT_MAX_ENQUEUE_WAIT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private boolean gzip = true;
        private SSLContext sslContext;

        private Builder() {}

        /** The collector's base URL, e.g. {@code https://collector.example.com}; events go to {@code /v1/events}. */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
                throw new IllegalArgumentException("endpoint must be an http or https URL, got scheme "
                        + endpoint.getScheme());
            }
            if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException("endpoint must not have a query or fragment");
            }
            this.endpoint = endpoint;
            return this;
        }

        /** The app's API key, sent as {@code Authorization: Bearer <key>}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = EventBuilder.requireText(apiKey, "apiKey");
            return this;
        }

        /** The app id the collector knows this app's key by; sent as {@code envelope.app_id}. */
        public Builder appId(String appId) {
            this.appId = EventBuilder.requireText(appId, "appId");
            return this;
        }

        /** The app's version; sent as {@code envelope.app_version}. */
        public Builder appVersion(String appVersion) {
            this.appVersion = EventBuilder.requireText(appVersion, "appVersion");
            return this;
        }

        /** Storage region of this app's subjects (policy 6.1), unless an event names its own. */
        public Builder region(String region) {
            this.region = EventBuilder.requireText(region, "region");
            return this;
        }

        /** This install's device id, unless an event names its own; none by default. */
        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        /** Most events per request; keep it within the collector's {@code limits.max-events-per-batch}. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** How long a batch may wait to fill before it is sent anyway. */
        public Builder linger(Duration linger) {
            this.linger = notNegative(linger, "linger");
            return this;
        }

        /** Most events waiting to be sent; beyond it, new events are dropped and counted. */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** How long {@link SieveClient#send} may wait for room in a full queue; zero (the default) never waits. */
        public Builder maxEnqueueWait(Duration maxEnqueueWait) {
            this.maxEnqueueWait = notNegative(maxEnqueueWait, "maxEnqueueWait");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one request may take, answer included. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** How long {@link SieveClient#flush()} waits. */
        public Builder flushTimeout(Duration flushTimeout) {
            this.flushTimeout = notNegative(flushTimeout, "flushTimeout");
            return this;
        }

        /** How long {@link SieveClient#close()} spends sending what is queued. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = notNegative(closeTimeout, "closeTimeout");
            return this;
        }

        /** Whether to gzip request bodies; on by default. */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /** TLS settings for an https endpoint, e.g. to trust a private certificate authority. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Starts the client and its sender thread.
         *
         * @throws IllegalStateException naming every required setting that is missing, or settings that do not
         *                               fit together
         */
        public SieveClient build() {
            List<String> missing = new ArrayList<>();
            if (endpoint == null) {
                missing.add("endpoint");
            }
            if (apiKey == null) {
                missing.add("apiKey");
            }
            if (appId == null) {
                missing.add("appId");
            }
            if (appVersion == null) {
                missing.add("appVersion");
            }
            if (region == null) {
                missing.add("region");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("SieveClient needs " + String.join(", ", missing));
            }
            if (queueCapacity < batchSize) {
                throw new IllegalStateException("queueCapacity (" + queueCapacity + ") must be at least batchSize ("
                        + batchSize + ")");
            }
            return new SieveClient(this);
        }

        private static Duration notNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
