package dev.sieve.benchmarks.scale;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The configuration file of each stage instance, in the keys README "Configuration" documents and
 * {@code deploy/config/*.properties} uses, pointed at this machine's broker and ClickHouse: what runs is configured as
 * a deployment configures it, with the defaults a deployment gets except where noted.
 *
 * @param bootstrapServers the broker
 * @param keysDir          the pseudonymization keys (anonymize, sink)
 * @param geoRanges        enrich's geography table (the bundled documentation ranges, as {@code ./sieve run} uses)
 * @param clickHouseUrl    the one ClickHouse every region of the policy stores into
 * @param regions          the policy's regions
 * @param workDir          where each Streams instance keeps its own state directory
 * @param appId            the app the collectors take events from
 * @param apiKey           its API key
 * @param sinkBatchMaxAge  the sink's {@code batch.max-age-ms}
 */
record StageProperties(String bootstrapServers, Path keysDir, Path geoRanges, String clickHouseUrl,
        Set<String> regions, Path workDir, String appId, String apiKey, Duration sinkBatchMaxAge) {

    /**
     * An app allowance far above any rate this machine reaches: the benchmark measures the pipeline, not the
     * collector's rate limit (default 2 000 events/s per app, README "Ingest").
     */
    static final int UNLIMITED_EVENTS_PER_SECOND = 10_000_000;

    /**
     * The file of instance {@code instance} of {@code stage}, whose HTTP port (collector) or metrics port (others)
     * is {@code port}.
     */
    Map<String, String> of(StageKind stage, int instance, int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap.servers", bootstrapServers);
        switch (stage) {
            case COLLECTOR -> {
                p.put("http.host", "127.0.0.1");
                p.put("http.port", Integer.toString(port));
                p.put("apps." + appId + ".api-key", apiKey);
                p.put("apps." + appId + ".events-per-second", Integer.toString(UNLIMITED_EVENTS_PER_SECOND));
                p.put("apps." + appId + ".burst", Integer.toString(UNLIMITED_EVENTS_PER_SECOND));
            }
            case ENRICH -> {
                streams(p, EnrichApp.DEFAULT_APPLICATION_ID, instance, port);
                p.put("geo.ranges", geoRanges.toString());
            }
            case ANONYMIZE -> {
                streams(p, AnonymizeApp.DEFAULT_APPLICATION_ID, instance, port);
                p.put("keys.dir", keysDir.toString());
            }
            case SINK -> {
                p.put("keys.dir", keysDir.toString());
                p.put("metrics.port", Integer.toString(port));
                regions.forEach(r -> p.put("clickhouse.region." + r + ".url", clickHouseUrl));
                p.put("batch.max-age-ms", Long.toString(sinkBatchMaxAge.toMillis()));
                // The scheduled identifier scan would query the engine while rows are timed into it.
                p.put("scan.interval", "off");
            }
        }
        return p;
    }

    private void streams(Map<String, String> p, String applicationId, int instance, int port) {
        p.put("application.id", applicationId);
        p.put("state.dir", workDir.resolve(applicationId + "-" + instance).toString());
        p.put("metrics.port", Integer.toString(port));
        // As deploy/config: one stream thread per process, scaled by running more processes.
        p.put("streams.num.stream.threads", "1");
    }
}
