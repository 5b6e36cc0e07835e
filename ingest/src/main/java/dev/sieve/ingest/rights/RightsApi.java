package dev.sieve.ingest.rights;

import dev.sieve.ingest.Collector;
import dev.sieve.ingest.Collector.StartException;
import dev.sieve.ingest.adapter.http.RightsEndpoints;
import dev.sieve.ingest.adapter.kafka.ControlProducer;
import dev.sieve.ingest.auth.ApiKeys;
import dev.sieve.ingest.auth.RevokedApps;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.ingest.config.RightsConfig;
import dev.sieve.runtime.ConfigException;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.erasure.ErasureListEntries;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.subject.SubjectIdentifiers;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Assembles the rights API from the collector's configuration and the sink's: the sink's file gives the regions'
 * stores, the database and the keys (read as the sink and {@code sieve export}/{@code sieve erase} read them), and
 * the API reaches the stored data through the same {@link SinkOperations} as the CLI; the collector's Kafka settings
 * carry the control records. Everything it starts is pushed on {@code resources} for
 * the collector to close.
 */
public final class RightsApi {

    private RightsApi() {}

    public static RightsEndpoints start(CollectorConfig config, RightsConfig rights, Policy policy, Topics topics,
            RevokedApps revoked, MeterRegistry registry, Deque<AutoCloseable> resources, Clock clock)
            throws ConfigException, PolicyException, IOException, TimeoutException, StartException {
        SinkContext sink = SinkContext.load(Optional.of(rights.sinkConfig().toString()), System.getenv());
        SubjectIdentifiers identifiers;
        ErasureListKey erasureListKey;
        try {
            // Loaded now, not on first use: unusable keys stop the start, not a subject's request.
            identifiers = sink.identifiers();
            erasureListKey = sink.erasureListKey();
        } catch (KeyException e) {
            throw new StartException(CollectorConfigLoader.RIGHTS_SINK_CONFIG + ": " + e.getMessage());
        }
        SinkOperations operations = new SinkOperations(sink.catalog(), sink.config().schema(),
                () -> new RegionStores(sink.stores()), () -> identifiers, clock);
        resources.push(operations);
        ErasureListEntries erasureList = new ErasureListEntries(erasureListKey, operations::everyForm);
        ControlProducer producer = new ControlProducer(config.kafka());
        resources.push(producer);
        RightsRequests register = new RightsRequests(producer, topics.rightsRequests(), policy.responsePeriod(),
                clock);
        resources.push(register.follow(config.kafka(), Collector.CONTROL_READ_TIMEOUT));
        ExecutorService exportWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "rights-export"));
        resources.push(exportWorker::shutdownNow);
        AccessExports exports = new AccessExports(rights.exportDir(), operations::export, clock);
        RightsService service = new RightsService(topics, producer, register, erasureList, operations, exports,
                exportWorker);
        service.failInterruptedExports();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
                "rights-progress"));
        resources.push(progress::shutdownNow);
        long every = rights.pollInterval().toMillis();
        progress.scheduleWithFixedDelay(service::progress, every, every, TimeUnit.MILLISECONDS);
        RightsMetrics.register(registry, register);
        return new RightsEndpoints(new ApiKeys(config.serverKeys(), revoked::isRevoked), service, register, policy,
                config.http().retryAfter());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
