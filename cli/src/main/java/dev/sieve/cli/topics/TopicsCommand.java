package dev.sieve.cli.topics;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.PolicyFiles;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sieve topics apply}: create and update every topic the policy implies ({@link TopicApplier}). */
@Command(name = "topics", description = "Kafka topics from the policy.", subcommands = TopicsCommand.Apply.class)
public final class TopicsCommand {

    static final int DEFAULT_PARTITIONS = 3;
    static final short DEFAULT_REPLICATION_FACTOR = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Command(name = "apply", description = "Create missing topics, set the policy's retention and cleanup policy,"
            + " add partitions (never removes any). Running it twice changes nothing the second time.")
    static final class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
        String bootstrap;

        @Option(names = "--partitions", defaultValue = "" + DEFAULT_PARTITIONS,
                description = "Partitions of new topics (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "" + DEFAULT_REPLICATION_FACTOR,
                description = "Replication factor of new topics (default ${DEFAULT-VALUE}).")
        int replication;

        @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (default: the bundled one).")
        Path policy;

        @Option(names = "--client-config", paramLabel = "FILE",
                description = "Kafka client settings (TLS, SASL) as a properties file.")
        Path clientConfig;

        @Override
        public Integer call() throws InterruptedException {
            checkRange("--partitions", partitions);
            checkRange("--replication-factor", replication);
            Topics topics = new Topics(PolicyFiles.load(policy));
            Properties client = new Properties();
            if (clientConfig != null) {
                try (Reader r = Files.newBufferedReader(clientConfig, StandardCharsets.UTF_8)) {
                    client.load(r);
                } catch (IOException e) {
                    throw CliFailure.usage("cannot read " + clientConfig + ": " + e.getMessage());
                }
            }
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            try (Admin admin = Admin.create(client)) {
                List<String> report = TopicApplier.apply(admin, topics.all(), partitions, (short) replication);
                spec.commandLine().getOut().println(report.isEmpty() ? "every topic matches the policy"
                        : String.join("\n", report));
                return 0;
            } catch (ExecutionException e) {
                throw CliFailure.failed("Kafka refused: " + e.getCause().getMessage());
            }
        }

        private void checkRange(String option, int n) {
            if (n < 1 || n > Short.MAX_VALUE) {
                throw new ParameterException(spec.commandLine(), option + " must be between 1 and " + Short.MAX_VALUE);
            }
        }
    }
}
