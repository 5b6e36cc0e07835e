package dev.sieve.cli;

import dev.sieve.runtime.ConfigException;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.sink.SinkContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the deployment's sink configuration (Kafka, {@code kafka.client.*}, the regions'
 * ClickHouse endpoints, policy, keys), so operator commands reach exactly what the sink writes to. Without the
 * option the file named by {@code SIEVE_SINK_CONFIG} is used.
 */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The sink's configuration file (default: $" + SinkContext.CONFIG_ENV + ").")
    String file;

    private SinkContext context;

    /** The loaded configuration; every problem of the file ends the command with exit 2. */
    public synchronized SinkContext context() {
        if (context == null) {
            try {
                context = SinkContext.load(Optional.ofNullable(file), System.getenv());
            } catch (ConfigException e) {
                throw CliFailure.usage(e.getMessage());
            } catch (PolicyException e) {
                throw CliFailure.failed(e.getMessage());
            } catch (IOException e) {
                throw CliFailure.usage("cannot read " + e.getMessage());
            }
        }
        return context;
    }

    /** Settings for a plain Kafka client of this deployment: bootstrap servers plus {@code kafka.client.*}. */
    public Map<String, Object> kafkaClient() {
        Map<String, Object> props = new HashMap<>(context().config().kafkaClient());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, context().config().bootstrapServers());
        return props;
    }
}
