package dev.sieve.benchmarks;

import dev.sieve.enrich.EnrichApp;
import dev.sieve.runtime.GroupMembership;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;

/**
 * How long a Kafka Streams stage (enrich, its own JVM) killed with SIGKILL and restarted at once takes to hold its
 * partitions again, with static group membership ({@code kafka.instance-id}) and without, on a real (in-process)
 * broker with topics of 3 partitions. The time runs from the kill until the group is stable with the restarted
 * process as its only member, holding partitions; it includes the JVM's start.
 *
 * <p>Run: {@code java -cp "$CP" dev.sieve.benchmarks.RestartBenchmark [restarts=3]}
 */
public final class RestartBenchmark {

    private static final int DEFAULT_RESTARTS = 3;
    private static final Duration POLL = Duration.ofMillis(50);
    /** Kafka's own default, what a stage got before Sieve set one. */
    private static final Duration KAFKA_DEFAULT_SESSION = Duration.ofSeconds(45);

    private RestartBenchmark() {}

    private record Variant(String name, String settings) {}

    public static void main(String[] args) throws Exception {
        int restarts = args.length > 0 ? Integer.parseInt(args[0].replace("restarts=", "")) : DEFAULT_RESTARTS;
        List<Variant> variants = List.of(
                new Variant("static member, session " + GroupMembership.DEFAULT_SESSION_TIMEOUT.toSeconds() + " s",
                        GroupMembership.INSTANCE_ID + "=enrich-1\n"),
                new Variant("dynamic member, session " + GroupMembership.DEFAULT_SESSION_TIMEOUT.toSeconds() + " s",
                        ""),
                new Variant("dynamic member, session " + KAFKA_DEFAULT_SESSION.toSeconds() + " s (Kafka's default)",
                        GroupMembership.SESSION_TIMEOUT_MS + "=" + KAFKA_DEFAULT_SESSION.toMillis() + "\n"));
        Path dir = Files.createTempDirectory("sieve-restart-benchmark");
        List<String> rows = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicApplier.apply(admin, new Topics(PolicyLoader.loadDefault()).all(), 3, (short) 1);
            for (int v = 0; v < variants.size(); v++) {
                String group = "bench-restart-" + v;
                Path config = Files.writeString(dir.resolve(group + ".properties"), "kafka.bootstrap.servers="
                        + kafka.bootstrapServers() + "\napplication.id=" + group + "\nstate.dir=" + dir.resolve(group)
                        + "\nmetrics.port=-1\n" + variants.get(v).settings());
                ProcessBuilder enrich = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), EnrichApp.class.getName(),
                        config.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(group + ".log").toFile()));
                Process process = enrich.start();
                Set<String> members = awaitSoleNewMember(admin, group, Set.of());
                double[] seconds = new double[restarts];
                for (int i = 0; i < restarts; i++) {
                    long killedAt = System.nanoTime();
                    process.destroyForcibly().waitFor();
                    process = enrich.start();
                    members = awaitSoleNewMember(admin, group, members);
                    seconds[i] = (System.nanoTime() - killedAt) / 1e9;
                }
                process.destroy();
                process.waitFor();
                Arrays.sort(seconds);
                rows.add(String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f s | %.1f s |", variants.get(v).name(),
                        restarts, seconds[0], seconds[restarts / 2], seconds[restarts - 1]));
            }
        }
        System.out.println("| enrich restarted after SIGKILL | restarts | fastest | median | slowest |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Waits until the group is stable with one member holding partitions, not one of {@code before}. */
    private static Set<String> awaitSoleNewMember(Admin admin, String group, Set<String> before) throws Exception {
        while (true) {
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups()
                        .get(group).get();
                Set<String> holding = d.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
                        .map(MemberDescription::consumerId).collect(Collectors.toSet());
                if (d.groupState() == GroupState.STABLE && d.members().size() == 1 && holding.size() == 1
                        && !before.containsAll(holding)) {
                    return holding;
                }
            } catch (ExecutionException e) {
                // the group does not exist yet
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
