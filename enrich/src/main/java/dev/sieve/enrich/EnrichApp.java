package dev.sieve.enrich;

import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.enrich.geo.GeoLookup;
import dev.sieve.enrich.geo.MaxMindGeo;
import dev.sieve.enrich.geo.RangeTableGeo;
import dev.sieve.enrich.normalize.Normalizer;
import dev.sieve.enrich.topology.EnrichTopology;
import dev.sieve.enrich.topology.EventEnricher;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StageSettings;
import dev.sieve.streams.StreamsApp;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The enrich stage as a process: {@code java dev.sieve.enrich.EnrichApp [enrich.properties]}. Settings
 * (file or {@code SIEVE_*} environment): the common stage settings of {@link StageSettings}, plus
 * <ul>
 *   <li>{@code geo.database}: a MaxMind-format {@code .mmdb} file for coarse geography;</li>
 *   <li>{@code geo.ranges}: a CIDR table ({@code cidr,country,subdivision}) instead; at most one of the two;</li>
 *   <li>{@code clock.max-future-skew}: how far a device clock may run ahead before the receive time replaces
 *       its event time (default 5m).</li>
 * </ul>
 */
public final class EnrichApp {

    public static final int DEFAULT_METRICS_PORT = 9401;
    public static final String DEFAULT_APPLICATION_ID = "sieve-enrich";
    public static final String GEO_DATABASE = "geo.database";
    public static final String GEO_RANGES = "geo.ranges";
    public static final String MAX_FUTURE_SKEW = "clock.max-future-skew";
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    public static final String DEDUP_WINDOW = "dedup.window";

    private EnrichApp() {}

    /** Everything the stage needs, read and checked before anything starts. */
    public record Settings(StageSettings stage, Optional<Path> geoDatabase, Optional<Path> geoRanges,
            Duration maxFutureSkew, Duration dedupWindow) {

        public static Settings read(ConfigReader reader) throws ConfigException {
            Settings settings = read(reader,
                    StageSettings.read(reader, DEFAULT_APPLICATION_ID, DEFAULT_METRICS_PORT));
            reader.finish();
            return settings;
        }

        /**
         * Reads enrich's own keys beside the common {@code stage} settings, for an application that runs enrich
         * with another stage; problems are collected in {@code reader}, whose {@link ConfigReader#finish()} the
         * caller calls.
         */
        public static Settings read(ConfigReader reader, StageSettings stage) {
            Optional<Path> db = reader.path(GEO_DATABASE, true);
            Optional<Path> ranges = reader.path(GEO_RANGES, true);
            if (db.isPresent() && ranges.isPresent()) {
                reader.problem(GEO_DATABASE + " and " + GEO_RANGES, "set one geography source, not both");
            }
            Duration skew = reader.duration(MAX_FUTURE_SKEW, DEFAULT_MAX_FUTURE_SKEW);
            Duration dedup = reader.duration(DEDUP_WINDOW, SeenEvents.DEFAULT_WINDOW);
            if (dedup.isZero() || dedup.isNegative()) {
                reader.problem(DEDUP_WINDOW, "must be positive: it is how long a retried event is recognized");
            }
            return new Settings(stage, db, ranges, skew, dedup);
        }

        GeoLookup geo() throws IOException {
            if (geoDatabase.isPresent()) {
                return new MaxMindGeo(geoDatabase.get());
            }
            if (geoRanges.isPresent()) {
                try (InputStream in = Files.newInputStream(geoRanges.get())) {
                    return RangeTableGeo.read(in, geoRanges.get().toString());
                }
            }
            return GeoLookup.none();
        }
    }

    /** Builds the stage from its settings; nothing runs until {@link StreamsApp#start()}. */
    public static StreamsApp create(Settings settings) throws PolicyException, IOException {
        Policy policy = settings.stage().loadPolicy();
        return new StreamsApp(DEFAULT_APPLICATION_ID,
                EnrichTopology.build(new Topics(policy), enricher(settings, policy), settings.dedupWindow(),
                        Metrics.globalRegistry),
                settings.stage().streamsProperties());
    }

    /** The stage's enrichment as its settings configure it, the geography source read. */
    public static EventEnricher enricher(Settings settings, Policy policy) throws IOException {
        return new EventEnricher(policy, new Normalizer(settings.maxFutureSkew()), settings.geo());
    }

    public static void main(String[] args) throws Exception {
        StreamsApp.main(args, (config, env) -> {
            Settings settings = Settings.read(config);
            return new StreamsApp.Launched(create(settings), settings.stage().metricsPort());
        });
    }
}
