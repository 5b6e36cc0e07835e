package dev.sieve.ingest.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The rights API's settings.
 *
 * @param sinkConfig   the sink's configuration file: the regions' ClickHouse, the database, the pseudonymization
 *                     keys and the erasure list's key, read the way the sink and the operator CLI read them
 * @param exportDir    where access exports wait until the app downloads them (one file per request)
 * @param pollInterval how often open erasure requests are compared with the sink's erasure audit, and interrupted
 *                     access exports looked for
 */
public record RightsConfig(Path sinkConfig, Path exportDir, Duration pollInterval) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

    public RightsConfig {
        Objects.requireNonNull(sinkConfig, "sinkConfig");
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }
}
