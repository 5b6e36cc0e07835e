package dev.sieve.process;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.anonymize.salt.SaltSchedule;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.streams.StageSettings;
import dev.sieve.streams.StreamsApp;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Enrich and anonymize as one process ({@link ProcessTopology}):
 * {@code java dev.sieve.process.ProcessApp [process.properties]}. Settings (file or {@code SIEVE_*} environment):
 * the common stage settings of {@link StageSettings} once, for the one application, plus enrich's own keys
 * ({@link EnrichApp}: {@code geo.database}, {@code geo.ranges}, {@code clock.max-future-skew},
 * {@code dedup.window}) and anonymize's ({@link AnonymizeApp}: {@code keys.dir}, {@code pseudonym.overlap}). Every
 * problem among them is reported at once, unknown keys included. When the policy has rotating pseudonyms the
 * process runs anonymize's salt keeper, as {@link AnonymizeApp} does.
 */
public final class ProcessApp {

    public static final int DEFAULT_METRICS_PORT = 9404;
    public static final String DEFAULT_APPLICATION_ID = "sieve-process";
    /**
     * Stream threads unless {@code streams.num.stream.threads} says otherwise: as many as the two applications it
     * replaces run together, so the stages' work is not squeezed onto one thread. Each event family is a task of its
     * own, so the threads share the work even with one partition per topic.
     */
    public static final int DEFAULT_STREAM_THREADS = 2;

    private ProcessApp() {}

    /** Both stages' settings, read and checked before anything starts; they share one {@link StageSettings}. */
    public record Settings(EnrichApp.Settings enrich, AnonymizeApp.Settings anonymize) {

        public Settings {
            if (!enrich.stage().equals(anonymize.stage())) {
                throw new IllegalArgumentException("enrich and anonymize must share the application's settings");
            }
        }

        /** Each stage's own settings as given, under the common settings of {@code stage}. */
        public static Settings of(StageSettings stage, EnrichApp.Settings enrich, AnonymizeApp.Settings anonymize) {
            return new Settings(new EnrichApp.Settings(stage, enrich.geoDatabase(), enrich.geoRanges(),
                    enrich.maxFutureSkew(), enrich.dedupWindow()),
                    new AnonymizeApp.Settings(stage, anonymize.keysDir(), anonymize.overlap()));
        }

        public static Settings read(ConfigReader reader) throws ConfigException {
            StageSettings stage = StageSettings.read(reader, DEFAULT_APPLICATION_ID, DEFAULT_METRICS_PORT);
            EnrichApp.Settings enrich = EnrichApp.Settings.read(reader, stage);
            AnonymizeApp.Settings anonymize = AnonymizeApp.Settings.read(reader, stage);
            reader.finish();
            return new Settings(enrich, anonymize);
        }

        public StageSettings stage() {
            return enrich.stage();
        }
    }

    /**
     * Builds the process; anonymize's keys are loaded and checked and its salt keeper's first round runs here, as
     * {@link AnonymizeApp#create} does, so either failing stops start-up. Nothing is processed until
     * {@link StreamsApp#start()}.
     */
    public static StreamsApp create(Settings settings, Map<String, String> env)
            throws PolicyException, IOException, KeyException {
        Policy policy = settings.stage().loadPolicy();
        AnonymizeApp.Processing anonymize = AnonymizeApp.Processing.load(settings.anonymize(), policy, env);
        Optional<SaltSchedule> salts = anonymize.startSalts(settings.anonymize(), policy);
        StreamsApp app = new StreamsApp(DEFAULT_APPLICATION_ID, ProcessTopology.build(anonymize.topics(),
                EnrichApp.enricher(settings.enrich(), policy), settings.enrich().dedupWindow(),
                anonymize.projections(), anonymize.erasureList(), Metrics.globalRegistry, Clock.systemUTC()),
                streamsProperties(settings.stage()));
        salts.ifPresent(app::closing);
        return app;
    }

    static Properties streamsProperties(StageSettings stage) {
        Properties properties = stage.streamsProperties();
        properties.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(DEFAULT_STREAM_THREADS));
        return properties;
    }

    public static void main(String[] args) throws Exception {
        StreamsApp.main(args, (config, env) -> {
            Settings settings = Settings.read(config);
            return new StreamsApp.Launched(create(settings, env), settings.stage().metricsPort());
        });
    }
}
