package dev.sieve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.runtime.GroupMembership;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.sink.config.SinkConfig;
import dev.sieve.sink.config.SinkConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loads a deployed process's configuration file with that stage's own loader, through
 * {@link dev.sieve.runtime.ConfigReader}, with the environment the deployment gives it: unknown, renamed or
 * missing keys, unset {@code ${NAME}} references and missing pseudonymization or erasure-list keys fail here as they would at
 * start-up.
 *
 * <p>Paths in the file are the container's. Each must lie under one of the process's mounts and the file behind
 * it must exist; for the keys a {@code SIEVE_<KEY>} variable can override, the variable points the loader at the
 * host file (pass-through keys such as {@code kafka.client.ssl.truststore.location} are only checked).
 */
final class StageConfigs {

    /** What a stage was configured with, and the environment that made it so (paths made host paths). */
    record Loaded(Stage stage, Object settings, int port, boolean tls, Map<String, String> env, Policy policy,
            Map<String, KeyRing> keyRings) {

        CollectorConfig collector() {
            return (CollectorConfig) settings;
        }

        SinkConfig sink() {
            return (SinkConfig) settings;
        }

        /** How the stage's consumers belong to their groups; empty for the collector, which consumes nothing. */
        Optional<GroupMembership> membership() {
            if (settings instanceof EnrichApp.Settings s) {
                return Optional.of(s.stage().membership());
            }
            if (settings instanceof AnonymizeApp.Settings s) {
                return Optional.of(s.stage().membership());
            }
            return settings instanceof SinkConfig s ? Optional.of(s.membership()) : Optional.empty();
        }
    }

    private static final List<String> PASS_THROUGH = List.of(CollectorConfigLoader.KAFKA_CLIENT_PREFIX, "streams.");

    private StageConfigs() {}

    /**
     * The sink configuration the collector's rights API reads ({@code rights.sink-config}), loaded as the sink's is,
     * but with the collector's environment and mounts: its files, ClickHouse passwords and keys must be the
     * collector's, since the collector is the process that reads it.
     */
    static Loaded rightsSink(Deployed collector) throws Exception {
        String file = DeployFiles.properties(collector.configFile()).get(CollectorConfigLoader.RIGHTS_SINK_CONFIG);
        if (file == null) {
            throw new AssertionError(collector.name() + ": the rights API is off (no "
                    + CollectorConfigLoader.RIGHTS_SINK_CONFIG + ")");
        }
        return load(new Deployed(collector.name() + ", its rights API's sink configuration",
                List.of(Stage.SINK.mainClass, "run", "--config", file.trim()), collector.env(), collector.mounts()));
    }

    /**
     * Each app's server key, by app, with the environment variable its configuration reads it from: every app that
     * sends events has one, written as a {@code ${VAR}} reference (never the key itself) and differing from the app's
     * ingest key.
     */
    static Map<String, String> serverKeyVariables(Deployed collector) throws Exception {
        CollectorConfig config = load(collector).collector();
        assertThat(config.serverKeys().keySet()).as("every app that sends events may file rights requests")
                .isNotEmpty().isEqualTo(config.apiKeys().keySet());
        Map<String, String> file = DeployFiles.properties(collector.configFile());
        Map<String, String> variables = new TreeMap<>();
        for (String app : config.serverKeys().keySet()) {
            String reference = file.get(CollectorConfigLoader.APPS_PREFIX + app + CollectorConfigLoader.SERVER_KEY_SUFFIX);
            assertThat(reference).as(app + "'s server key").matches("\\$\\{[A-Z0-9_]+}");
            assertThat(config.serverKeys().get(app)).as(app + "'s server key").isNotEqualTo(config.apiKeys().get(app));
            variables.put(app, reference.substring(2, reference.length() - 1));
        }
        return variables;
    }

    static Loaded load(Deployed process) throws Exception {
        Stage stage = process.stage().orElseThrow(() -> new AssertionError(process.name() + " runs no stage"));
        Path file = process.configFile();
        Map<String, String> env = new TreeMap<>(process.env());
        DeployFiles.properties(file).forEach((key, value) -> {
            String v = value.trim();
            if (!v.startsWith("/")) {
                return;
            }
            Path host = process.hostPath(v);
            if (!Files.exists(host)) {
                throw new AssertionError(process.name() + ": " + file.getFileName() + " " + key + "=" + v
                        + ": nothing is mounted there (expected " + host + ")");
            }
            if (PASS_THROUGH.stream().noneMatch(key::startsWith)) {
                env.putIfAbsent(ConfigReader.envName(key), host.toString());
            }
        });
        return switch (stage) {
            case COLLECTOR -> {
                CollectorConfig c = CollectorConfigLoader.read(file, env);
                Policy policy = c.policy().isPresent() ? PolicyLoader.load(c.policy().get()) : PolicyLoader.loadDefault();
                yield new Loaded(stage, c, c.http().port(), c.tls().isPresent(), env, policy, Map.of());
            }
            case ENRICH -> {
                EnrichApp.Settings s = EnrichApp.Settings.read(ConfigReader.load(file, env));
                yield new Loaded(stage, s, s.stage().metricsPort(), false, env, s.stage().loadPolicy(), Map.of());
            }
            case ANONYMIZE -> {
                AnonymizeApp.Settings s = AnonymizeApp.Settings.read(ConfigReader.load(file, env));
                Policy policy = s.stage().loadPolicy();
                // as AnonymizeApp does: no start without the erasure list's key
                KeyRingLoader.erasureListKey(s.keysDir().orElse(null), env);
                yield new Loaded(stage, s, s.stage().metricsPort(), false, env, policy,
                        KeyRingLoader.load(policy, s.keysDir().orElse(null), env));
            }
            case SINK -> {
                // As SinkMain does: the policy first, its regions are checked against the endpoints.
                ConfigReader reader = ConfigReader.load(file, env);
                Optional<Path> policyFile = reader.path(SinkConfigLoader.POLICY_FILE, true);
                Policy policy = policyFile.isPresent() ? PolicyLoader.load(policyFile.get()) : PolicyLoader.loadDefault();
                SinkConfig c = SinkConfigLoader.load(reader, policy.regions().keySet());
                // the operator CLI runs with the sink's configuration, and sieve erase needs the erasure list's key
                KeyRingLoader.erasureListKey(c.keysDir().orElse(null), env);
                yield new Loaded(stage, c, c.metricsPort(), false, env, policy,
                        KeyRingLoader.load(policy, c.keysDir().orElse(null), env));
            }
        };
    }
}
