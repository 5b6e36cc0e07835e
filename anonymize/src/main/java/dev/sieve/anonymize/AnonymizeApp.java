package dev.sieve.anonymize;

import dev.sieve.anonymize.topology.AnonymizeTopology;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StageSettings;
import dev.sieve.streams.StreamsApp;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The anonymize stage as a process: {@code java dev.sieve.anonymize.AnonymizeApp [anonymize.properties]}.
 * Settings (file or {@code SIEVE_*} environment): the common stage settings of {@link StageSettings}, plus
 * <ul>
 *   <li>{@code keys.dir}: directory of pseudonymization keys (layout in {@link KeyRingLoader}); keys may
 *       also come from {@code SIEVE_KEY__<PURPOSE>__<n>} variables;</li>
 *   <li>{@code pseudonym.overlap}: how long a retired key keeps serving late events (default 1d).</li>
 * </ul>
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
            StageSettings stage = StageSettings.read(reader, DEFAULT_APPLICATION_ID, DEFAULT_METRICS_PORT);
            Optional<Path> keys = reader.path(KEYS_DIR, true);
            Duration overlap = reader.duration(OVERLAP, DEFAULT_OVERLAP);
            reader.finish();
            return new Settings(stage, keys, overlap);
        }
    }

    /** Builds the stage; keys are loaded and checked here, so a missing key stops start-up, not an event. */
    public static StreamsApp create(Settings settings, Map<String, String> env)
            throws PolicyException, IOException, KeyException {
        Policy policy = settings.stage().loadPolicy();
        Map<String, KeyRing> rings = KeyRingLoader.load(policy, settings.keysDir().orElse(null), env);
        Projections projections = new Projections(policy, rings, settings.overlap());
        ErasureListKey erasureList = KeyRingLoader.erasureListKey(settings.keysDir().orElse(null), env);
        return new StreamsApp(DEFAULT_APPLICATION_ID, AnonymizeTopology.build(new Topics(policy), projections,
                erasureList, Metrics.globalRegistry, Clock.systemUTC()), settings.stage().streamsProperties());
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        Map<String, String> env = System.getenv();
        try {
            Settings settings = Settings.read(ConfigReader.load(file, env));
            StreamsApp.runUntilShutdown(create(settings, env), settings.stage().metricsPort());
        } catch (ConfigException | PolicyException | KeyException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
