package dev.sieve.anonymize;

import dev.sieve.anonymize.salt.SaltSchedule;
import dev.sieve.anonymize.topology.AnonymizeTopology;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.pseudonym.ReloadingKeyRings;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StageSettings;
import dev.sieve.streams.StreamsApp;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The anonymize stage as a process: {@code java dev.sieve.anonymize.AnonymizeApp [anonymize.properties]}.
 * Settings (file or {@code SIEVE_*} environment): the common stage settings of {@link StageSettings}, plus
 * <ul>
 *   <li>{@code keys.dir}: directory of pseudonymization keys (layout in {@link KeyRingLoader}), read again while
 *       the stage runs ({@link ReloadingKeyRings}); keys may also come from {@code SIEVE_KEY__<PURPOSE>__<n>}
 *       variables;</li>
 *   <li>{@code pseudonym.overlap}: how long a retired key keeps serving late events (default 1d); also how
 *       long a rotating pseudonym's salt outlives its period before it is destroyed.</li>
 * </ul>
 * When the policy has rotating pseudonyms, the stage also runs the salt keeper ({@link SaltSchedule}); its
 * Kafka clients use the bootstrap servers and the {@code streams.security.*}, {@code streams.ssl.*} and
 * {@code streams.sasl.*} settings.
 */
public final class AnonymizeApp {

    public static final int DEFAULT_METRICS_PORT = 9402;
    public static final String DEFAULT_APPLICATION_ID = "sieve-anonymize";
    public static final String KEYS_DIR = "keys.dir";
    public static final String OVERLAP = "pseudonym.overlap";
    public static final Duration DEFAULT_OVERLAP = Duration.ofDays(1);

    private AnonymizeApp() {}

    /** Everything the stage needs, read and checked before anything starts. */
    public record Settings(StageSettings stage, Optional<Path> keysDir, Duration overlap) {

        public static Settings read(ConfigReader reader) throws ConfigException {
            Settings settings = read(reader,
                    StageSettings.read(reader, DEFAULT_APPLICATION_ID, DEFAULT_METRICS_PORT));
            reader.finish();
            return settings;
        }

        /**
         * Reads anonymize's own keys beside the common {@code stage} settings, for an application that runs
         * anonymize with another stage; problems are collected in {@code reader}, whose {@link ConfigReader#finish()}
         * the caller calls.
         */
        public static Settings read(ConfigReader reader, StageSettings stage) {
            Optional<Path> keys = reader.path(KEYS_DIR, true);
            Duration overlap = reader.duration(OVERLAP, DEFAULT_OVERLAP);
            return new Settings(stage, keys, overlap);
        }
    }

    /**
     * What the stage's processing needs, its keys loaded and checked.
     *
     * @param topics      the policy's topics
     * @param projections each purpose's view of each family, with its pseudonym keys
     * @param erasureList the key that turns an event's ids into erasure-list entries
     */
    public record Processing(Topics topics, Projections projections, ErasureListKey erasureList) {

        /** Loads the keys, so a missing key stops start-up, not an event. */
        public static Processing load(Settings settings, Policy policy, Map<String, String> env)
                throws IOException, KeyException {
            // Keys added to keys.dir while the stage runs are used once their epoch begins, without a restart; the
            // sink re-reads its keys the same way and refuses rows under a key it still lacks, so none escapes erasure.
            KeyRings rings = ReloadingKeyRings.load(policy, settings.keysDir().orElse(null), env,
                    ReloadingKeyRings.DEFAULT_MAX_AGE, Clock.systemUTC());
            return new Processing(new Topics(policy), new Projections(policy, rings, settings.overlap()),
                    KeyRingLoader.erasureListKey(settings.keysDir().orElse(null), env));
        }

        /**
         * Starts the salt keeper when the policy has rotating pseudonyms; its first round runs here, so a salt topic
         * it cannot use stops start-up. The topology must not start before the current period's salts exist.
         */
        public Optional<SaltSchedule> startSalts(Settings settings, Policy policy) {
            Map<String, Set<Rotation>> rotations = SaltKeeper.rotations(policy);
            return rotations.isEmpty() ? Optional.empty()
                    : Optional.of(SaltSchedule.start(new SaltKeeper(kafkaClient(settings.stage()), topics.salts(),
                            rotations, settings.overlap(), Clock.systemUTC())));
        }
    }

    /**
     * Builds the stage; keys are loaded and checked here, so a missing key stops start-up, not an event, and
     * the salt keeper's first round runs here, so a salt topic it cannot use stops start-up too.
     */
    public static StreamsApp create(Settings settings, Map<String, String> env)
            throws PolicyException, IOException, KeyException {
        Policy policy = settings.stage().loadPolicy();
        Processing processing = Processing.load(settings, policy, env);
        Optional<SaltSchedule> salts = processing.startSalts(settings, policy);
        StreamsApp app = new StreamsApp(DEFAULT_APPLICATION_ID, AnonymizeTopology.build(processing.topics(),
                processing.projections(), processing.erasureList(), Metrics.globalRegistry, Clock.systemUTC()),
                settings.stage().streamsProperties());
        salts.ifPresent(app::closing);
        return app;
    }

    /** Where Kafka is and how to reach it securely, for the stage's plain clients (the salt keeper). */
    static Map<String, Object> kafkaClient(StageSettings stage) {
        Map<String, Object> client = new HashMap<>();
        stage.streams().forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                client.put(key, value);
            }
        });
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stage.bootstrapServers());
        return client;
    }

    public static void main(String[] args) throws Exception {
        StreamsApp.main(args, (config, env) -> {
            Settings settings = Settings.read(config);
            return new StreamsApp.Launched(create(settings, env), settings.stage().metricsPort());
        });
    }
}
