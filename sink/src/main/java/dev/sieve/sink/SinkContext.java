package dev.sieve.sink;

import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KafkaSalts;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.pseudonym.ReloadingKeyRings;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.config.RegionEndpoint;
import dev.sieve.sink.config.SinkConfig;
import dev.sieve.sink.config.SinkConfigLoader;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.subject.SubjectIdentifiers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The sink's configuration and policy, loaded and checked before anything connects: what the sink process and
 * every operator command (the {@code sieve} CLI) start from, so both read one file the same way. Keys are loaded
 * only by the commands that compute pseudonyms, so printing DDL or grants needs no secrets.
 */
public record SinkContext(SinkConfig config, TableCatalog catalog, Map<String, String> env) {

    /** The variable naming the configuration file when no {@code --config} is given. */
    public static final String CONFIG_ENV = "SIEVE_SINK_CONFIG";

    /**
     * Loads the configuration file (or the one {@link #CONFIG_ENV} names) and the policy it names.
     *
     * @throws ConfigException every problem of the file at once, or that no file was given
     */
    public static SinkContext load(Optional<String> configFile, Map<String, String> env)
            throws ConfigException, PolicyException, IOException {
        Optional<String> file = configFile.or(() -> Optional.ofNullable(env.get(CONFIG_ENV)));
        if (file.isEmpty()) {
            throw new ConfigException("the command line",
                    List.of("no configuration: pass --config FILE or set " + CONFIG_ENV));
        }
        ConfigReader reader = ConfigReader.load(Path.of(file.get()), env);
        Optional<Path> policyFile = reader.path(SinkConfigLoader.POLICY_FILE, false);
        Policy policy = PolicyLoader.load(policyFile);
        SinkConfig config = SinkConfigLoader.load(reader, policy.regions().keySet());
        return new SinkContext(config, new TableCatalog(policy), env);
    }

    public Policy policy() {
        return catalog.policy();
    }

    /** The deployment's topics under the policy. */
    public Topics topics() {
        return catalog.topics();
    }

    public Map<String, KeyRing> keyRings() throws KeyException {
        return KeyRingLoader.load(catalog.policy(), config.keysDir().orElse(null), env);
    }

    /**
     * The keys of the running sink: {@code keys.dir} is read again every
     * {@link ReloadingKeyRings#DEFAULT_MAX_AGE} and whenever a row carries a key the sink has not seen, so a key
     * added while the sink runs is stored and erased without a restart.
     */
    public KeyRings reloadingKeys() throws KeyException {
        return ReloadingKeyRings.load(catalog.policy(), config.keysDir().orElse(null), env,
                ReloadingKeyRings.DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    /** The erasure list's key ({@code _erasure} beside the purposes' keys), for whoever publishes or reads the list. */
    public ErasureListKey erasureListKey() throws KeyException {
        return KeyRingLoader.erasureListKey(config.keysDir().orElse(null), env);
    }

    /**
     * One store per configured region, each a production ClickHouse client; the caller closes them (or the
     * {@link RegionStores}). Regions configured with the same URL and user share that ClickHouse's tables (the
     * database is the same for every region), so the writer inserts their rows of a batch together.
     */
    public Map<String, Store> stores() {
        Map<String, Store> out = new HashMap<>();
        for (Map.Entry<String, RegionEndpoint> e : config.regions().entrySet()) {
            RegionEndpoint endpoint = e.getValue();
            ClickHouseGateway ch = ClientV2Gateway.connect(endpoint.url(), endpoint.user(), endpoint.password(),
                    config.timeout());
            out.put(e.getKey(), new ClickHouseStore(e.getKey(), endpoint.user() + " at " + endpoint.url(), ch,
                    config.schema(), catalog));
        }
        return out;
    }

    /**
     * A subject's identifiers as the tables store them. When the policy rotates pseudonyms, the live salts are
     * read from the salt topic (the command's process is short-lived; its consumer goes with it).
     */
    public SubjectIdentifiers identifiers() throws KeyException {
        RotatingSalts salts = RotatingSalts.none();
        if (!SaltKeeper.rotations(catalog.policy()).isEmpty()) {
            Map<String, Object> client = new HashMap<>(config.kafkaClient());
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            salts = new KafkaSalts(client, catalog.topics().salts(), KafkaSalts.DEFAULT_MAX_AGE, Clock.systemUTC());
        }
        return new SubjectIdentifiers(catalog, keyRings(), salts, Clock.systemUTC());
    }
}
