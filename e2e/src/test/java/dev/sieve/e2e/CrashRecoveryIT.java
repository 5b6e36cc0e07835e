package dev.sieve.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.ingest.CollectorMain;
import dev.sieve.local.clickhouse.EmbeddedClickHouseServer;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.SinkMain;
import dev.sieve.sink.config.SinkConfigLoader;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stage as its own JVM, started from its own properties file as deployed (the collector, enrich, anonymize,
 * the sink writing through client-v2 to the real ClickHouse engine behind its HTTP interface), on topics of three
 * partitions, under steady load from several SDK clients. Each stage in turn is killed with SIGKILL and restarted;
 * then enrich, anonymize and the sink run as two instances each and one instance of each is killed, its survivor
 * taking over. After each kill, with the load paused and every answer in, every table must hold exactly the rows the
 * policy predicts for the events the collector accepted: none missing, none twice. The SDK must not have been told
 * that anything was refused, so a collector killed mid-request loses nothing.
 *
 * <p>Each stage has a static instance id ({@code kafka.instance-id}) and a short session timeout: a restarted
 * instance takes its partitions back without waiting for its old session to expire, and a survivor takes over a
 * dead instance's partitions when the session timeout passed. How long both took is measured and printed with the
 * table.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    static final ClickHouseEngine ENGINE = new ClickHouseEngine();

    static final String APP = "crash-test";
    static final String DATABASE = "sieve";
    static final String SINK_GROUP = SinkConfigLoader.DEFAULT_GROUP_ID;
    static final String API_KEY_VARIABLE = "CRASH_TEST_API_KEY";
    static final int CLIENTS = 3;
    static final int PEOPLE_PER_CLIENT = 8;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** Load before a kill, so the stage dies with work in flight. */
    static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(3);
    /** Load after the stage is back, so it resumes under load too. */
    static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(2);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration SETTLE = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    final Policy policy = PolicyLoader.loadDefault();
    final List<StageProcess> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<Outcome> outcomes = new ArrayList<>();
    ConsumerGroups groups;
    StoredRows stored;
    List<Background> loads;
    Path keys;
    String clickHouseUrl;
    String apiKey;
    int collectorPort;

    CrashRecoveryIT() throws PolicyException {}

    /** One row of the table: the kill, the events accepted so far and what the tables hold against them. */
    record Outcome(String killed, int accepted, List<StoredRows.Table> tables, String recovery) {
        long sum(ToLongFunction<StoredRows.Table> f) {
            return tables.stream().mapToLong(f).sum();
        }

        String row() {
            return "| " + killed + " | " + accepted + " | " + sum(StoredRows.Table::expected) + " | "
                    + sum(StoredRows.Table::stored) + " | " + sum(StoredRows.Table::missing) + " | "
                    + sum(StoredRows.Table::duplicated) + " | " + recovery + " |";
        }

        List<StoredRows.Table> wrong() {
            return tables.stream().filter(t -> !t.exact()).toList();
        }
    }

    @Test
    void noKillOfAnyStageOrInstanceLosesOrDuplicatesARow() throws Exception {
        long started = System.nanoTime();
        Cli.Output topics = Cli.run("topics", "apply", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--partitions", "3");
        assertThat(topics.code()).as(topics.toString()).isZero();
        keys = writeKeys();
        apiKey = "crash-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
        collectorPort = freePort();
        stored = new StoredRows(policy, ENGINE, DATABASE);
        try (EmbeddedClickHouseServer clickHouse = EmbeddedClickHouseServer.start(ENGINE.engine(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            clickHouseUrl = clickHouse.url();
            groups = new ConsumerGroups(admin, KAFKA.bootstrapServers());
            StageProcess collector = stage("collector", CollectorMain.class, collectorConfig(),
                    Map.of(API_KEY_VARIABLE, apiKey)).start();
            StageProcess enrich1 = streamsStage("enrich", 1).start();
            StageProcess anonymize1 = streamsStage("anonymize", 1).start();
            StageProcess sink1 = sinkStage(1).start();
            awaitCollectorReady(START_TIMEOUT);
            awaitGroup(EnrichApp.DEFAULT_APPLICATION_ID, List.of("enrich-1"));
            awaitGroup(AnonymizeApp.DEFAULT_APPLICATION_ID, List.of("anonymize-1"));
            awaitGroup(SINK_GROUP, List.of("sink-1"));
            String region = policy.regions().keySet().iterator().next();
            loads = IntStream.range(0, CLIENTS).mapToObj(c -> new Background(new Traffic(
                    "http://127.0.0.1:" + collectorPort, apiKey, APP, region),
                    IntStream.rangeClosed(1, PEOPLE_PER_CLIENT).mapToObj(n -> new Person('b', c * 10 + n)).toList()))
                    .toList();
            try {
                // Each stage killed and restarted in turn, with its own instance id.
                phase("collector", () -> restart(collector, () -> awaitCollectorReady(START_TIMEOUT)));
                phase("enrich", () -> restart(enrich1, EnrichApp.DEFAULT_APPLICATION_ID));
                phase("anonymize", () -> restart(anonymize1, AnonymizeApp.DEFAULT_APPLICATION_ID));
                phase("sink", () -> restart(sink1, SINK_GROUP));

                // A second instance of each, then one of each two killed for good: the survivor takes over.
                StageProcess enrich2 = streamsStage("enrich", 2).start();
                StageProcess anonymize2 = streamsStage("anonymize", 2).start();
                StageProcess sink2 = sinkStage(2).start();
                awaitGroup(EnrichApp.DEFAULT_APPLICATION_ID, List.of("enrich-1", "enrich-2"));
                awaitGroup(AnonymizeApp.DEFAULT_APPLICATION_ID, List.of("anonymize-1", "anonymize-2"));
                awaitGroup(SINK_GROUP, List.of("sink-1", "sink-2"));
                phase("enrich, 1 of 2", () -> takeOver(enrich1, EnrichApp.DEFAULT_APPLICATION_ID, "enrich-2"));
                phase("anonymize, 1 of 2", () -> takeOver(anonymize1, AnonymizeApp.DEFAULT_APPLICATION_ID,
                        "anonymize-2"));
                phase("sink, 1 of 2", () -> takeOver(sink1, SINK_GROUP, "sink-2"));

                // Nothing is left to arrive: the surviving sink committed everything the purpose topics hold.
                groups.awaitCaughtUp(SINK_GROUP, purposeTopics(), SETTLE);
                outcomes.add(settle("(none: final count, the sink committed all)", "-"));

                // Stopped on purpose (SIGTERM), an instance leaves its group on its way out: its partitions do not
                // wait for its session to expire, as a crashed one's do.
                for (Map.Entry<StageProcess, String> e : Map.of(enrich2, EnrichApp.DEFAULT_APPLICATION_ID,
                        anonymize2, AnonymizeApp.DEFAULT_APPLICATION_ID, sink2, SINK_GROUP).entrySet()) {
                    e.getKey().close();
                    assertThat(groups.memberIds(e.getValue(), e.getKey().name()))
                            .as(e.getKey().name() + " in " + e.getValue() + " right after it stopped").isEmpty();
                }
            } finally {
                for (Background load : loads) {
                    load.close();
                }
            }
            System.out.println(table(Duration.ofNanos(System.nanoTime() - started)));
            assertThat(outcomes).as(this::table).allSatisfy(o -> assertThat(o.wrong()).as(o.killed()).isEmpty());
        } finally {
            for (StageProcess p : processes) {
                p.close();
            }
        }
    }

    /** A kill that returns how long the stage took to be back, as the broker or the collector reports it. */
    interface Kill {
        Duration run() throws Exception;
    }

    /** Returns once a restarted stage works again, with how long the wait took. */
    interface Recovered {
        Duration await() throws Exception;
    }

    /** Load, the kill mid-stream, more load once the stage is back; then the tables against the prediction. */
    private void phase(String killed, Kill kill) throws Exception {
        loads.forEach(Background::resume);
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        Duration back = kill.run();
        Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
        for (Background load : loads) {
            // Returns once the SDK has an answer for every event; fails if any was refused or dropped.
            load.pause();
        }
        outcomes.add(settle(killed, seconds(back)));
        System.out.println("crash run: " + outcomes.get(outcomes.size() - 1).row());
    }

    /** SIGKILL, restart at once; the time from the kill until the new process is in its group with partitions. */
    private Duration restart(StageProcess stage, String group) throws Exception {
        Set<String> before = groups.memberIds(group, stage.name());
        assertThat(before).as(stage.name() + " is a member of " + group).isNotEmpty();
        return restart(stage, () -> groups.awaitRejoined(group, stage.name(), before, START_TIMEOUT));
    }

    /** SIGKILL, restart at once with the same configuration; the time from the kill until it works again. */
    private static Duration restart(StageProcess stage, Recovered recovered) throws Exception {
        long killedAt = System.nanoTime();
        stage.kill();
        stage.start();
        recovered.await();
        return Duration.ofNanos(System.nanoTime() - killedAt);
    }

    /** SIGKILL for good; the time until the survivor alone holds the group's partitions. */
    private Duration takeOver(StageProcess stage, String group, String survivor) throws Exception {
        long killedAt = System.nanoTime();
        stage.kill();
        groups.awaitMembers(group, List.of(survivor), START_TIMEOUT);
        return Duration.ofNanos(System.nanoTime() - killedAt);
    }

    /** Waits until every table holds the predicted number of rows (or {@link #SETTLE} passed), then compares. */
    private Outcome settle(String killed, String recovery) throws InterruptedException {
        List<Sent> sent = loads.stream().flatMap(l -> l.sent().stream()).toList();
        Map<String, Set<String>> expected = new Prediction(policy).eventIds(sent, Instant.now());
        Map<String, Long> want = expected.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> (long) e.getValue().size(), (a, b) -> a, TreeMap::new));
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int equalInARow = 0;
        while (System.nanoTime() < deadline && equalInARow < 4) {
            equalInARow = stored.counts(want.keySet()).equals(want) ? equalInARow + 1 : 0;
            Thread.sleep(250);
        }
        return new Outcome(killed, sent.size(), stored.compare(expected), recovery);
    }

    private void awaitGroup(String group, List<String> instances) throws Exception {
        try {
            groups.awaitMembers(group, instances, START_TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    private Duration awaitCollectorReady(Duration timeout) throws Exception {
        long start = System.nanoTime();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collectorPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() - start < timeout.toNanos()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the collector was not ready within " + timeout + "\n" + logs());
    }

    private StageProcess stage(String name, Class<?> main, Path config, Map<String, String> env) {
        List<String> args = main == SinkMain.class ? List.of("run", "--config", config.toString())
                : List.of(config.toString());
        StageProcess p = new StageProcess(name, main.getName(), args, env, dir);
        processes.add(p);
        return p;
    }

    private StageProcess streamsStage(String stage, int instance) throws Exception {
        String name = stage + "-" + instance;
        StringBuilder c = kafka(name).append("state.dir=").append(dir.resolve(name + "-state")).append('\n')
                .append("metrics.port=-1\n")
                .append("streams.commit.interval.ms=100\n");
        if (stage.equals("anonymize")) {
            c.append("keys.dir=").append(keys).append('\n');
        }
        return stage(name, stage.equals("enrich") ? EnrichApp.class : AnonymizeApp.class,
                Files.writeString(dir.resolve(name + ".properties"), c), Map.of());
    }

    private StageProcess sinkStage(int instance) throws Exception {
        String name = "sink-" + instance;
        StringBuilder c = kafka(name).append("keys.dir=").append(keys).append('\n')
                .append("metrics.port=-1\n")
                .append("batch.max-age-ms=250\n");
        policy.regions().keySet().forEach(r ->
                c.append("clickhouse.region.").append(r).append(".url=").append(clickHouseUrl).append('\n'));
        return stage(name, SinkMain.class, Files.writeString(dir.resolve(name + ".properties"), c), Map.of());
    }

    private StringBuilder kafka(String instanceId) {
        return new StringBuilder("kafka.bootstrap.servers=" + KAFKA.bootstrapServers() + "\n"
                + "kafka.instance-id=" + instanceId + "\n"
                + "kafka.session-timeout-ms=" + SESSION_TIMEOUT.toMillis() + "\n");
    }

    private Path collectorConfig() throws Exception {
        return Files.writeString(dir.resolve("collector.properties"), "http.host=127.0.0.1\n"
                + "http.port=" + collectorPort + "\n"
                + "kafka.bootstrap.servers=" + KAFKA.bootstrapServers() + "\n"
                + "apps." + APP + ".api-key=${" + API_KEY_VARIABLE + "}\n");
    }

    private String table(Duration took) {
        return "Crash run (" + seconds(took) + ", " + CLIENTS + " SDK clients, 3 partitions per topic, session timeout "
                + SESSION_TIMEOUT.toSeconds() + " s):\n" + table();
    }

    private String table() {
        StringBuilder sb = new StringBuilder("| stage killed | events accepted | rows expected | stored | missing |"
                + " duplicated | back after |\n|---|---|---|---|---|---|---|\n");
        outcomes.forEach(o -> sb.append(o.row()).append('\n'));
        outcomes.forEach(o -> o.wrong().forEach(t -> sb.append("  after ").append(o.killed()).append(": ")
                .append(t).append('\n')));
        return sb.toString();
    }

    private String logs() {
        return processes.stream().map(p -> "--- " + p.name() + " ---\n" + tail(p.log()))
                .collect(Collectors.joining("\n"));
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private Path writeKeys() throws Exception {
        Path dirKeys = Files.createDirectories(dir.resolve("keys"));
        List<String> names = new ArrayList<>(policy.purposes().values().stream()
                .filter(KeyRingLoader::pseudonymizes).map(Purpose::id).toList());
        names.add(ErasureListKey.NAME);
        for (String name : names) {
            Files.writeString(Files.createDirectories(dirKeys.resolve(name)).resolve("crash.key"),
                    "valid_from=2000-01-01T00:00:00Z\nsecret=" + Base64.getEncoder().encodeToString(random(32)) + "\n");
        }
        return dirKeys;
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** Every purpose topic, which is what the sink reads. */
    private List<String> purposeTopics() {
        Topics topics = new Topics(policy);
        return policy.purposes().values().stream().flatMap(p -> p.families().keySet().stream()
                .map(f -> topics.purpose(p, f).name())).toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
