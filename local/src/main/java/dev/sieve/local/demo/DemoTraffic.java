package dev.sieve.local.demo;

import dev.sieve.local.LocalPipeline;
import dev.sieve.local.StartException;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sdk.ClientStats;
import dev.sieve.sdk.SieveClient;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Demo traffic into a running {@link LocalPipeline}: a {@link Population} of devices sending events of all five
 * families ({@link DemoEvents}) through the real SDK to the collector, at a steady rate.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #start} publishes the population's consents to {@code sieve.control.consent}, keyed as enrich
 *       reads them ({@link Topics#subjectKey}, {@link Topics#deviceKey}), and waits until Kafka has them all
 *       before the first event is sent.</li>
 *   <li>Events go through {@link SieveClient}, one client per installed app version (as each build of an app
 *       embeds its SDK), each event with its own device id, user and region.</li>
 *   <li>About {@code eventsPerSecond} events a second are generated, in ticks of a tenth of a second.</li>
 *   <li>{@link #close()} stops generating, then closes every client, which sends what it has queued within its
 *       close timeout.</li>
 * </ul>
 */
public final class DemoTraffic implements AutoCloseable {

    /**
     * What the demo sent so far.
     *
     * @param generated events made and handed to the SDK
     * @param accepted  events the collector acknowledged (Kafka has them)
     * @param rejected  events the collector refused as invalid
     * @param dropped   events the SDK gave up on (queue full, out of retries)
     */
    public record Stats(long generated, long accepted, long rejected, long dropped) {}

    private static final long TICK_MILLIS = 100;

    private final Population population;
    private final DemoEvents events;
    private final Map<String, SieveClient> clients;
    private final ScheduledExecutorService ticker;
    private final Random random;
    private final double eventsPerTick;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong generated = new AtomicLong();
    private double budget;

    private DemoTraffic(DemoSettings settings, Population population, Map<String, SieveClient> clients) {
        this.population = population;
        this.events = new DemoEvents(population);
        this.clients = clients;
        // A stream of its own: the population's draws stay the same whatever the events draw.
        this.random = new Random(settings.seed() + 1);
        this.eventsPerTick = settings.eventsPerSecond() * TICK_MILLIS / 1000.0;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sieve-demo-traffic");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Publishes the consents, then starts sending.
     *
     * @throws StartException if Kafka did not take the consents
     */
    public static DemoTraffic start(DemoSettings settings, LocalPipeline pipeline) throws StartException {
        List<String> regions = List.copyOf(pipeline.policy().regions().keySet());
        List<String> consentPurposes = pipeline.policy().purposes().values().stream()
                .filter(Purpose::consentRequired).map(Purpose::id).toList();
        Population population = Population.generate(settings.seed(), settings.devices(), regions, consentPurposes);
        publishConsents(population, new Topics(pipeline.policy()).consent(), pipeline.kafkaClientProperties());
        Map<String, SieveClient> clients = new LinkedHashMap<>();
        for (SimulatedDevice d : population.devices()) {
            clients.computeIfAbsent(d.appVersion(), version -> SieveClient.builder()
                    .endpoint(URI.create(pipeline.collectorUrl())).apiKey(pipeline.apiKey()).appId(pipeline.appId())
                    .appVersion(version).region(regions.get(0)).build());
        }
        DemoTraffic traffic = new DemoTraffic(settings, population, clients);
        traffic.ticker.scheduleAtFixedRate(traffic::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return traffic;
    }

    private static void publishConsents(Population population, TopicSpec<String, ConsentState> topic,
            Map<String, Object> kafka) throws StartException {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, ConsentState> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Population.Consent c : population.consents()) {
                String key = c.subjectId().map(Topics::subjectKey).orElseGet(() -> Topics.deviceKey(c.deviceId()
                        .orElseThrow()));
                ConsentState state = ConsentState.newBuilder().setSubjectId(c.subjectId().orElse(null))
                        .setDeviceId(c.deviceId().orElse(null)).setPurposes(new ArrayList<>(c.purposes()))
                        .setUpdatedAt(Instant.ofEpochMilli(now)).build();
                sent.add(producer.send(new ProducerRecord<>(topic.name(), key, state)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new StartException("publishing the demo consents failed: " + e.getCause().getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while publishing the demo consents", e);
        }
    }

    private void tick() {
        budget += eventsPerTick;
        Instant now = clock.instant();
        while (budget >= 1) {
            budget--;
            SimulatedDevice device = DemoValues.pick(random, population.devices());
            clients.get(device.appVersion()).send(events.next(device, random, now));
            generated.incrementAndGet();
        }
    }

    /** The population, for a summary: sizes only are shown. */
    public String summary() {
        long users = population.devices().stream().filter(d -> d.subjectId().isPresent())
                .map(d -> d.subjectId().get()).distinct().count();
        long consenting = population.consents().stream().filter(c -> !c.purposes().isEmpty()).count();
        return population.devices().size() + " devices, " + users + " signed-in users, " + consenting
                + " consents granted and " + (population.consents().size() - consenting) + " refused on file";
    }

    public Stats stats() {
        long accepted = 0;
        long rejected = 0;
        long dropped = 0;
        for (SieveClient c : clients.values()) {
            ClientStats s = c.stats();
            accepted += s.sent();
            rejected += s.rejected();
            dropped += s.dropped();
        }
        return new Stats(generated.get(), accepted, rejected, dropped);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.values().forEach(SieveClient::close);
    }
}
