package dev.sieve.schemas;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code sieve topics apply --bootstrap-servers HOST:PORT [--partitions N] [--replication-factor R]
 * [--policy FILE] [--client-config FILE]}: creates and updates every topic the policy implies
 * ({@link TopicApplier}). {@code --client-config} is a properties file of Kafka client settings (TLS, SASL).
 * Exit codes: 0 done, 1 the policy has problems or Kafka refused, 2 bad usage.
 */
public final class TopicsTool {

    static final String USAGE = "usage: sieve topics apply --bootstrap-servers HOST:PORT [--partitions N]"
            + " [--replication-factor R] [--policy FILE] [--client-config FILE]";
    static final int DEFAULT_PARTITIONS = 3;
    static final short DEFAULT_REPLICATION_FACTOR = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicsTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("apply") || args.length % 2 == 0) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!List.of("--bootstrap-servers", "--partitions", "--replication-factor", "--policy", "--client-config")
                    .contains(args[i])) {
                problems.add("unknown option " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        String bootstrap = options.get("--bootstrap-servers");
        if (bootstrap == null) {
            problems.add("--bootstrap-servers is required");
        }
        int partitions = number(options, "--partitions", DEFAULT_PARTITIONS, problems);
        int replication = number(options, "--replication-factor", DEFAULT_REPLICATION_FACTOR, problems);
        if (!problems.isEmpty()) {
            err.println(String.join("\n", problems) + "\n" + USAGE);
            return 2;
        }
        Policy policy;
        Properties client = new Properties();
        try {
            policy = options.containsKey("--policy") ? PolicyLoader.load(Path.of(options.get("--policy")))
                    : PolicyLoader.loadDefault();
            if (options.containsKey("--client-config")) {
                try (Reader r = Files.newBufferedReader(Path.of(options.get("--client-config")), StandardCharsets.UTF_8)) {
                    client.load(r);
                }
            }
        } catch (PolicyException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(client)) {
            List<String> report = TopicApplier.apply(admin, new Topics(policy).all(), partitions, (short) replication);
            out.println(report.isEmpty() ? "every topic matches the policy" : String.join("\n", report));
            return 0;
        } catch (ExecutionException e) {
            err.println("Kafka refused: " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int number(Map<String, String> options, String option, int defaultValue, List<String> problems) {
        String v = options.get(option);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > Short.MAX_VALUE) {
                problems.add(option + " must be between 1 and " + Short.MAX_VALUE);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(option + " must be a whole number, not '" + v + "'");
            return defaultValue;
        }
    }
}
