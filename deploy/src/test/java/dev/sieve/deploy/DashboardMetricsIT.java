package dev.sieve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.Sink;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.config.SinkConfig;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.Store;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every series the Grafana dashboard and the alert rules read is exported by the stage they read it from. The
 * pipeline runs as compose.yaml starts it: the topics tool, the collector, enrich and anonymize each in its own
 * JVM with the service's command, configuration file and environment (only the broker address, free ports and
 * the mounted paths are this machine's), on the embedded broker. The sink runs in this JVM, as {@code SinkMain
 * run} builds it from compose's sink.properties, but against the real ClickHouse engine (chDB) instead of a
 * server, since none runs here. Traffic drives every outcome the dashboard draws (accepted, rejected, dead
 * letters in each stage, no consent, erased, an identifier the sink's scan finds in a stored value), then each
 * job's /metrics is scraped as Prometheus would. The collector serves the rights API, as compose turns it on.
 *
 * <p>For each selector: its metric must be in the scrape of every job it names ({@code job="x"} or a literal
 * {@code job=~"a|b"}; any job when it names none), with a series that meets every matcher, each alternative of
 * a literal {@code =~} alternation on its own. Labels an expression groups by must exist on its series.
 */
class DashboardMetricsIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Duration WAIT = Duration.ofMinutes(4);
    static final Pattern COLLECTOR_PORT = Pattern.compile("collector listening on port (\\d+)");
    static final Pattern METRICS_PORT = Pattern.compile("metrics on http://0\\.0\\.0\\.0:(\\d+)/metrics");
    /** Series Prometheus makes itself rather than scraping them. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    final Compose compose = new Compose();
    final Secrets secrets = new Secrets();
    final List<Child> children = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    Sink sink;

    @TempDir
    Path scratch;

    /** A stage's JVM and everything it printed. */
    record Child(String service, Process process, List<String> output) {
        String tail() {
            List<String> lines = List.copyOf(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        children.forEach(c -> c.process().destroyForcibly());
    }

    @Test
    void everySeriesTheDashboardAndTheAlertsReadIsExportedByTheStageTheyReadItFrom() throws Exception {
        Map<String, String> broker = Map.of("SIEVE_KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());

        Child topics = start("topics", compose.deployed("topics", secrets, scratch), Map.of());
        assertThat(topics.process().waitFor(2, TimeUnit.MINUTES)).as(topics.tail()).isTrue();
        assertThat(topics.process().exitValue()).as(topics.tail()).isZero();
        children.remove(topics); // done, as compose's one-shot service is

        // The scan for identifiers every 2 s instead of the deployment's hourly one (sink.properties), so a scan
        // runs after the sink stored the record planted below.
        StageConfigs.Loaded sinkConfig = StageConfigs.load(compose.deployed("sink", secrets, scratch).withEnv(broker)
                .withEnv(Map.of("SIEVE_SCAN_INTERVAL", "2s")));
        Topics registry = new Topics(sinkConfig.policy());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Before the stages start, so their global stores and the sink's control loop hold them from the start.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // as sieve erase publishes it: the list entry under the keyed hash, then the request
            ErasureListKey listKey = KeyRingLoader.erasureListKey(null, sinkConfig.env());
            TopicSpec<String, ErasedIdentifier> list = registry.erasure();
            producer.send(new ProducerRecord<>(list.name(), utf8(listKey.subject("erased-subject")),
                    list.valueSerde().serializer().serialize(list.name(),
                            new ErasedIdentifier("it-erasure-1", now, List.of())))).get();
            TopicSpec<String, ErasureRequest> erasure = registry.erasureRequests();
            producer.send(new ProducerRecord<>(erasure.name(), utf8("it-erasure-1"),
                    erasure.valueSerde().serializer().serialize(erasure.name(),
                            new ErasureRequest("it-erasure-1", "erased-subject", null, now, "dpo@example")))).get();
            TopicSpec<String, RetentionChange> retention = registry.retention();
            producer.send(new ProducerRecord<>(retention.name(), utf8("analytics_device"),
                    retention.valueSerde().serializer().serialize(retention.name(),
                            new RetentionChange("analytics_device", 5000, "ops@example", now, "above max")))).get();
            // Bytes no decoder reads: dead letters of enrich and anonymize.
            byte[] garbage = {0x01, 0x02, 0x03};
            producer.send(new ProducerRecord<>(registry.raw(EventFamily.IP).name(), utf8("k"), garbage)).get();
            producer.send(new ProducerRecord<>(registry.enriched(EventFamily.IP).name(), utf8("k"), garbage)).get();
            // An e-mail address in a scrubbed column, written around the anonymizer: what the sink's scan is for.
            TableCatalog catalog = new TableCatalog(sinkConfig.policy());
            TableLayout leaked = catalog.table("personalization_service_log").orElseThrow();
            GenericRecord row = new PurposeRows(sinkConfig.keyRings()).row(leaked, 1, now, "subject-1", "device-1",
                    "cn-north");
            row.put("search_query", "mail alice@example.com");
            row.put("page_url", null); // the row's one identifier is the one above
            TopicSpec<String, GenericRecord> purpose = catalog.topic(leaked);
            producer.send(new ProducerRecord<>(purpose.name(), null, utf8("device-1"),
                    purpose.valueSerde().serializer().serialize(purpose.name(), row),
                    new RecordHeaders().add(Topics.HEADER_REGION, utf8("cn-north")))).get();
        }

        Map<String, Supplier<String>> scrapeByService = new LinkedHashMap<>();
        for (Stage stage : List.of(Stage.COLLECTOR, Stage.ENRICH, Stage.ANONYMIZE)) {
            String service = compose.stageServices().get(stage);
            Deployed deployed = compose.deployed(service, secrets, scratch);
            StageConfigs.Loaded loaded = StageConfigs.load(deployed.withEnv(broker));
            Map<String, String> env = new LinkedHashMap<>(loaded.env());
            env.put(stage == Stage.COLLECTOR ? "SIEVE_HTTP_PORT" : "SIEVE_METRICS_PORT", "0");
            Child child = start(service, deployed, env);
            int port = awaitPort(child, stage == Stage.COLLECTOR ? COLLECTOR_PORT : METRICS_PORT);
            scrapeByService.put(service, () -> get("http://127.0.0.1:" + port + "/metrics"));
            if (stage == Stage.COLLECTOR) {
                postEvents(port, loaded.env().get("NOTES_API_KEY"), now);
            }
        }
        PrometheusMeterRegistry sinkRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        sink = startSink(sinkConfig, sinkRegistry);
        scrapeByService.put(compose.stageServices().get(Stage.SINK), sinkRegistry::scrape);

        Map<String, Supplier<String>> scrapeByJob = new LinkedHashMap<>();
        for (Object job : DeployFiles.list(DeployFiles.yaml(DeployFiles.PROMETHEUS).get("scrape_configs"))) {
            Map<String, Object> j = DeployFiles.map(job);
            String target = String.valueOf(DeployFiles.list(DeployFiles.map(DeployFiles.list(j.get("static_configs"))
                    .get(0)).get("targets")).get(0));
            scrapeByJob.put(String.valueOf(j.get("job_name")), scrapeByService.get(target.split(":")[0]));
        }

        List<String> unmet = List.of("not checked yet");
        Map<String, Scrape> scrapes = Map.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!unmet.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            children.forEach(c -> assertThat(c.process().isAlive()).as(c.service() + " died:\n" + c.tail()).isTrue());
            scrapes = new LinkedHashMap<>();
            for (Map.Entry<String, Supplier<String>> e : scrapeByJob.entrySet()) {
                scrapes.put(e.getKey(), Scrape.parse(e.getValue().get()));
            }
            unmet = unmet(Expressions.all(), scrapes);
        }
        assertThat(unmet).as("series the dashboard or the alerts read that no stage exports").isEmpty();

        for (Child c : children) {
            assertThat(String.join("\n", c.output())).as(c.service() + " never prints a secret")
                    .doesNotContain(secrets.all().values().stream().map(v -> v.substring(v.lastIndexOf(',') + 1))
                            .toArray(String[]::new));
        }
    }

    /** What the expressions read that the scrapes do not have, one line each; empty when all is there. */
    static List<String> unmet(List<Expressions.Expression> expressions, Map<String, Scrape> scrapes) {
        List<String> unmet = new ArrayList<>();
        for (Expressions.Expression e : expressions) {
            PromQl.Parsed parsed = PromQl.parse(e.promql());
            List<Scrape.Series> matched = new ArrayList<>();
            for (PromQl.Selector s : parsed.selectors()) {
                List<String> jobs = new ArrayList<>(scrapes.keySet());
                List<PromQl.Matcher> filters = new ArrayList<>();
                List<List<PromQl.Matcher>> alternatives = new ArrayList<>();
                for (PromQl.Matcher m : s.matchers()) {
                    if (m.label().equals("job") && (m.op().equals("=") || m.op().equals("=~"))) {
                        jobs = List.of(m.value().split("\\|"));
                    } else if (m.op().equals("=~") && m.value().matches("[A-Za-z0-9_|-]+")) {
                        alternatives.add(List.of(m.value().split("\\|")).stream()
                                .map(v -> new PromQl.Matcher(m.label(), "=", v)).toList());
                    } else if (!m.label().equals("job")) {
                        filters.add(m);
                    }
                }
                if (PROMETHEUS_OWN.contains(s.metric())) {
                    assertThat(scrapes.keySet()).as(e.where() + ": jobs of " + s.metric()).containsAll(jobs);
                    continue;
                }
                boolean anyJob = s.matchers().stream().noneMatch(m -> m.label().equals("job"));
                for (List<PromQl.Matcher> combination : combinations(alternatives)) {
                    List<PromQl.Matcher> all = new ArrayList<>(filters);
                    all.addAll(combination);
                    List<String> missingIn = new ArrayList<>();
                    for (String job : jobs) {
                        Scrape scrape = scrapes.get(job);
                        List<Scrape.Series> hits = scrape == null ? List.of() : scrape.named(s.metric()).stream()
                                .filter(series -> all.stream().allMatch(m -> m.accepts(series.labels().get(m.label()))))
                                .toList();
                        matched.addAll(hits);
                        if (hits.isEmpty()) {
                            missingIn.add(job);
                        }
                    }
                    if (anyJob ? missingIn.size() == jobs.size() : !missingIn.isEmpty()) {
                        unmet.add(e.where() + ": " + s.metric() + all + " not exported by " + missingIn);
                    }
                }
            }
            for (String label : parsed.groupingLabels()) {
                if (!Set.of("job", "instance").contains(label)
                        && matched.stream().noneMatch(series -> series.labels().containsKey(label))) {
                    unmet.add(e.where() + ": groups by '" + label + "', which none of its series has");
                }
            }
        }
        return unmet;
    }

    static List<List<PromQl.Matcher>> combinations(List<List<PromQl.Matcher>> alternatives) {
        List<List<PromQl.Matcher>> out = new ArrayList<>();
        out.add(List.of());
        for (List<PromQl.Matcher> choices : alternatives) {
            List<List<PromQl.Matcher>> next = new ArrayList<>();
            for (List<PromQl.Matcher> partial : out) {
                for (PromQl.Matcher choice : choices) {
                    List<PromQl.Matcher> c = new ArrayList<>(partial);
                    c.add(choice);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The service's command in a JVM of its own with this test's class path: the config path on the command line
     * and the broker address made this machine's, the environment as given.
     */
    Child start(String service, Deployed deployed, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The product's log configuration: its INFO shows the ports picked, the test class path's would hide it.
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path")));
        List<String> args = deployed.command();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i > 0 && args.get(i - 1).equals("--bootstrap-servers")) {
                command.add(KAFKA.bootstrapServers());
            } else if (a.startsWith("/etc/")) {
                command.add(deployed.hostPath(a).toString());
            } else {
                command.add(a);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(message(line));
                }
            } catch (java.io.IOException e) {
                output.add("(output ended: " + e + ")");
            }
        }, service + "-output");
        reader.setDaemon(true);
        reader.start();
        Child child = new Child(service, process, output);
        children.add(child);
        return child;
    }

    /** The message of one of the service's JSON log lines (the product's log format), or the line as printed. */
    static String message(String line) {
        if (line.startsWith("{")) {
            try {
                JsonNode json = new ObjectMapper().readTree(line);
                if (json.hasNonNull("formattedMessage")) {
                    return json.get("level").asText() + " " + json.get("loggerName").asText() + " - "
                            + json.get("formattedMessage").asText();
                }
            } catch (java.io.IOException e) {
                return line;
            }
        }
        return line;
    }

    static int awaitPort(Child child, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : child.output()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            assertThat(child.process().isAlive()).as(child.service() + " exited:\n" + child.tail()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError(child.service() + " printed no port:\n" + child.tail());
    }

    /** As SinkMain run builds the sink, with every region's endpoint the ClickHouse engine. */
    static Sink startSink(StageConfigs.Loaded loaded, PrometheusMeterRegistry registry) {
        SinkConfig c = loaded.sink();
        TableCatalog catalog = new TableCatalog(loaded.policy());
        Map<String, Store> stores = new LinkedHashMap<>();
        c.regions().keySet().forEach(region -> stores.put(region, new ClickHouseStore(region,
                new EngineGateway(CLICKHOUSE), c.schema(), catalog)));
        return Sink.builder().catalog(catalog).stores(stores)
                .keyRings(loaded.keyRings()).kafka(c.bootstrapServers(), c.groupId(), c.kafkaClient())
                .thresholds(c.thresholds()).retry(c.retry()).maxInsertsInFlight(c.maxInsertsInFlight())
                .scanInterval(c.scanInterval()).metrics(new SinkMetrics(registry)).start();
    }

    /**
     * An IP event (purposes without consent), a service-log event of a subject who gave no consent (the
     * cross-service purpose needs it), an event of an erased subject, and one the collector rejects (a field no
     * family has).
     */
    void postEvents(int port, String apiKey, Instant now) throws Exception {
        String body = ("{'events':["
                + event("it-1", "subject-1", now, "ip", "'ip_address':'192.0.2.1'") + ","
                + event("it-2", "subject-1", now, "service_log", "'action':'VIEW'") + ","
                + event("it-3", "erased-subject", now, "ip", "'ip_address':'192.0.2.1'") + ","
                + event("it-4", "subject-4", now, "ip", "'colour':'red','ip_address':'192.0.2.1'")
                + "]}").replace('\'', '"');
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpResponse<String> answer;
        do {
            Thread.sleep(500);
            answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } while (answer.statusCode() == 503 && System.nanoTime() < deadline);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"accepted\":3", "\"rejected\":1", "unknown_field");
    }

    static String event(String id, String subject, Instant at, String family, String fields) {
        return "{'family':'" + family + "','event':{'envelope':{'event_id':'" + id + "','event_time':'" + at + "',"
                + "'app_id':'notes','app_version':'1','sdk_version':'1','region':'cn-north','subject_id':'" + subject
                + "','device_id':'device-" + id + "'}," + fields + "}}";
    }

    String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
