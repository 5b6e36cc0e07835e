package dev.sieve.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sieve.ingest.Collector;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.local.LocalPipeline;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.sdk.RightsRequest;
import dev.sieve.sdk.RightsSubject;
import dev.sieve.sdk.SieveRights;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rights API on the whole pipeline as {@code ./sieve run} starts it (real broker, the real ClickHouse engine
 * behind its HTTP interface, the production stages), fed through the real SDK; the rights API is served by a second
 * collector, configured as a deployment would, with the app's server key and the sink's configuration, and called
 * through the SDK's {@link SieveRights}. Consent recorded through it decides what {@code cross_service} receives; an
 * erasure through it reaches {@code done} and leaves no row (under a legal hold it waits, saying so, until the hold is
 * lifted); an access export holds exactly the subject's stored rows and no one else's.
 */
class RightsRequestsIT {

    static final String CROSS_SERVICE = "cross_service";
    static final String SERVER_KEY = "e2e-server-key-0123456789";
    static final String VERIFIED_BY = "support-desk:sms-otp";

    @TempDir
    static Path dir;

    static LocalPipeline pipeline;
    static Policy policy;
    static Map<String, KeyRing> rings;
    static Path sinkConfig;
    static Collector rightsCollector;
    static SieveRights rights;

    @BeforeAll
    static void start() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        policy = PolicyLoader.loadDefault();
        KeysDir.write(keys, policy);
        rings = KeyRingLoader.load(policy, keys, Map.of());
        pipeline = LocalPipeline.builder().collector("127.0.0.1", 0).clickHouseHttpPort(0).metricsPort(-1)
                .keysDir(keys).sinkBatchMaxAge(Duration.ofMillis(250)).start();
        StringBuilder config = new StringBuilder("kafka.bootstrap.servers=" + pipeline.bootstrapServers() + "\n"
                + "keys.dir=" + keys + "\n");
        policy.regions().keySet().forEach(r -> config.append("clickhouse.region.").append(r).append(".url=")
                .append(pipeline.clickHouseUrl()).append('\n'));
        sinkConfig = Files.writeString(dir.resolve("sink.properties"), config);
        Path collectorConfig = Files.writeString(dir.resolve("collector.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + pipeline.bootstrapServers(), "http.host=127.0.0.1", "http.port=0",
                "apps." + pipeline.appId() + ".api-key=e2e-rights-collector-ingest-key",
                "apps." + pipeline.appId() + ".server-key=" + SERVER_KEY,
                "rights.sink-config=" + sinkConfig,
                "rights.export-dir=" + Files.createDirectories(dir.resolve("exports")),
                "rights.poll-interval-ms=200"));
        rightsCollector = Collector.start(CollectorConfigLoader.read(collectorConfig, Map.of()));
        rights = SieveRights.builder().endpoint(URI.create("http://127.0.0.1:" + rightsCollector.port()))
                .serverKey(SERVER_KEY).build();
    }

    @AfterAll
    static void stop() {
        if (rightsCollector != null) {
            rightsCollector.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void consentThroughTheApiDecidesWhatCrossServiceReceives() throws Exception {
        Person p = new Person('r', 1);
        String region = region();
        try (Traffic traffic = new Traffic(pipeline.collectorUrl(), pipeline.apiKey(), pipeline.appId(), region)) {
            RightsRequest granted = rights.recordConsent(RightsSubject.subject(p.subjectId()), consent(true),
                    VERIFIED_BY);
            assertThat(granted.status()).isEqualTo("done");
            List<Sent> whileGranted = sendUntilStored(traffic, p, true);

            RightsRequest withdrawn = rights.recordConsent(RightsSubject.subject(p.subjectId()), consent(false),
                    VERIFIED_BY);
            assertThat(withdrawn.status()).isEqualTo("done");
            List<Sent> afterWithdrawal = sendUntilStored(traffic, p, false);

            Set<String> crossService = eventIds("cross_service_service_log");
            assertThat(whileGranted).as("events while consent was on file").allMatch(s ->
                    crossService.contains(crossServiceId(s)));
            assertThat(afterWithdrawal.subList(afterWithdrawal.size() - 3, afterWithdrawal.size()))
                    .as("the last events after the withdrawal")
                    .noneMatch(s -> crossService.contains(crossServiceId(s)));
            assertThat(eventIds("service_service_log")).as("the service purpose needs no consent")
                    .containsAll(afterWithdrawal.stream().map(Sent::eventId).toList());
        }
    }

    @Test
    void anErasureThroughTheApiReachesDoneAndLeavesNoRow() throws Exception {
        Person p = new Person('r', 2);
        Person other = new Person('r', 3);
        try (Traffic traffic = new Traffic(pipeline.collectorUrl(), pipeline.apiKey(), pipeline.appId(), region())) {
            traffic.everyFamily(p, Set.of());
            traffic.everyFamily(other, Set.of());
            traffic.flush();
            await("the person's rows stored", () -> eventIds("service_device").containsAll(traffic.sent().stream()
                    .filter(s -> s.family() == EventFamily.DEVICE).map(Sent::eventId).toList()));
            assertThat(exportCli(p)).as("rows before the erasure").contains(p.subjectId());

            List<RightsRequest> requests = List.of(
                    rights.requestErasure(RightsSubject.subject(p.subjectId()), VERIFIED_BY),
                    rights.requestErasure(RightsSubject.device(p.deviceId()), VERIFIED_BY));
            for (RightsRequest r : requests) {
                assertThat(r.status()).isEqualTo("in_progress");
                RightsRequest done = awaitRequest(r.id(), RightsRequest::isDone);
                assertThat(done.detail()).hasValueSatisfying(d -> assertThat(d).endsWith(" regions"));
            }
            assertThat(exportCli(p)).as("an erased subject has no rows left").doesNotContain(p.subjectId());
            for (Purpose purpose : policy.purposes().values()) {
                for (EventFamily family : purpose.families().keySet()) {
                    String dump = pipeline.query("SELECT * FROM sieve." + purpose.tableName(family), "JSONEachRow");
                    assertThat(List.of(p.subjectId(), p.deviceId(), p.advertisingId(), p.ipAddress()))
                            .as("the erased person in " + purpose.tableName(family)).noneMatch(dump::contains);
                }
            }
            assertThat(exportCli(other)).as("someone else's rows stay").contains(other.subjectId());
        }
    }

    @Test
    void anErasureOfAHeldSubjectStaysInProgressSayingWhyAndIsDoneOnceTheHoldIsLifted() throws Exception {
        Person p = new Person('r', 6);
        try (Traffic traffic = new Traffic(pipeline.collectorUrl(), pipeline.apiKey(), pipeline.appId(), region())) {
            traffic.everyFamily(p, Set.of());
            traffic.flush();
            await("the person's rows stored", () -> eventIds("service_device").containsAll(traffic.sent().stream()
                    .filter(s -> s.family() == EventFamily.DEVICE).map(Sent::eventId).toList()));
            Cli.Output hold = Cli.run("legal-hold", "add", "--id", "e2e-hold-r06", "--subject", p.subjectId(),
                    "--by", "e2e", "--reason", "litigation", "--config", sinkConfig.toString());
            assertThat(hold.code()).as(hold.toString()).isZero();

            RightsRequest r = rights.requestErasure(RightsSubject.subject(p.subjectId()), VERIFIED_BY);
            // Each region's sink defers it in its own time, and the detail names those that did so far: wait for all.
            String everyRegion = "deferred under a legal hold in " + new java.util.TreeSet<>(policy.regions().keySet());
            RightsRequest deferred = awaitRequest(r.id(), q -> q.detail().orElse("").equals(everyRegion));
            assertThat(deferred.status()).isEqualTo("in_progress");
            assertThat(exportCli(p)).as("held rows stay").contains(p.subjectId());

            Cli.Output lift = Cli.run("legal-hold", "remove", "--id", "e2e-hold-r06", "--by", "e2e", "--reason",
                    "settled", "--config", sinkConfig.toString());
            assertThat(lift.code()).as(lift.toString()).isZero();
            awaitRequest(r.id(), RightsRequest::isDone);
            assertThat(exportCli(p)).as("no rows once the hold is lifted").doesNotContain(p.subjectId());
        }
    }

    @Test
    void anAccessExportHoldsExactlyWhatTheTablesHoldForTheSubjectAndNoOneElse() throws Exception {
        Person p = new Person('r', 4);
        Person other = new Person('r', 5);
        try (Traffic traffic = new Traffic(pipeline.collectorUrl(), pipeline.apiKey(), pipeline.appId(), region())) {
            traffic.everyFamily(p, Set.of());
            traffic.everyFamily(p, Set.of());
            traffic.everyFamily(other, Set.of());
            traffic.flush();
            List<String> sentIds = traffic.sent().stream().filter(s -> s.person().equals(p)).map(Sent::eventId)
                    .toList();
            await("the person's rows stored", () -> eventIds("service_device").containsAll(traffic.sent().stream()
                    .filter(s -> s.family() == EventFamily.DEVICE).map(Sent::eventId).toList())
                    && eventIds("security_ip").containsAll(traffic.sent().stream()
                    .filter(s -> s.family() == EventFamily.IP).map(Sent::eventId).toList()));

            // every purpose's rows of the person landed: the operator's export stops changing
            String before = exportCli(p);
            for (String now = settle(p); !now.equals(before); now = settle(p)) {
                before = now;
            }

            RightsRequest r = rights.requestAccess(RightsSubject.subject(p.subjectId()), VERIFIED_BY);
            RightsRequest done = awaitRequest(r.id(), RightsRequest::isDone);
            String json = download(r.id(), SieveRights.ExportFormat.JSON);
            String csv = download(r.id(), SieveRights.ExportFormat.CSV);

            List<String> lines = json.lines().toList();
            assertThat(lines).as("the same rows the operator's export reads from the tables")
                    .containsExactlyInAnyOrderElementsOf(exportCli(p).lines().toList());
            assertThat(done.detail()).contains(lines.size() + " rows from "
                    + lines.stream().map(l -> l.replaceAll("^.*?\"region\":\"([a-z-]+)\",\"table\":\"([a-z_]+)\".*$",
                    "$1/$2")).distinct().count() + " tables in "
                    + lines.stream().map(l -> l.replaceAll("^.*?\"region\":\"([a-z-]+)\".*$", "$1")).distinct().count()
                    + " regions");
            assertThat(json).doesNotContain(other.subjectId()).doesNotContain(other.deviceId());
            assertThat(lines).filteredOn(l -> l.contains("\"table\":\"service_"))
                    .as("raw tables name the subject as sent").isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains("\"subject_id\":\"" + p.subjectId() + "\""));
            // event ids as sent, where a table keeps them (pseudonyms are "<key id>:<hash>")
            Set<String> exportedIds = lines.stream().map(l -> l.replaceAll("^.*\"event_id\":\"([^\"]+)\".*$", "$1"))
                    .filter(id -> !id.contains(":")).collect(Collectors.toSet());
            assertThat(exportedIds).as("every event of the subject, and only those, in the raw tables' part")
                    .containsExactlyInAnyOrderElementsOf(sentIds);

            List<String> csvLines = csv.lines().toList();
            assertThat(csvLines.get(0)).isEqualTo("region,table,row,column,value");
            assertThat(csvLines.stream().skip(1).map(l -> l.split(",", 4)[2]).distinct().count())
                    .as("CSV rows").isEqualTo(lines.size());
            assertThat(csv).contains("," + p.subjectId() + "\r\n").doesNotContain(other.subjectId());
        }
    }

    /** Every purpose that asks consent: cross_service as given, the others withdrawn. */
    private static Map<String, Boolean> consent(boolean crossService) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        policy.purposes().values().stream().filter(Purpose::consentRequired)
                .forEach(purpose -> out.put(purpose.id(), purpose.id().equals(CROSS_SERVICE) && crossService));
        return out;
    }

    /**
     * Sends service-log events of the person one by one until one reaches (or, for {@code expected} false, no longer
     * reaches) {@code cross_service}: enrich takes up a consent change a moment after it is recorded. Then three
     * more, each stored in the service table before returning. Returns every event sent.
     */
    private List<Sent> sendUntilStored(Traffic traffic, Person p, boolean expected) throws InterruptedException {
        List<Sent> sent = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int confirmed = 0;
        while (confirmed < 4) {
            if (System.nanoTime() > deadline) {
                fail("cross_service did not " + (expected ? "start" : "stop") + " receiving within 90 s");
            }
            Sent s = traffic.send(EventFamily.SERVICE_LOG, p, Instant.now(), Set.of());
            traffic.flush();
            sent.add(s);
            await("event stored in service_service_log", () -> eventIds("service_service_log").contains(s.eventId()));
            // cross_service's row is written from the same anonymize transaction; give the sink a batch to land it
            Thread.sleep(1000);
            boolean received = eventIds("cross_service_service_log").contains(crossServiceId(s));
            confirmed = received == expected ? confirmed + 1 : 0;
        }
        return sent;
    }

    private static String crossServiceId(Sent s) {
        return rings.get(CROSS_SERVICE).pseudonymize(s.eventId(), s.eventTime(), Instant.now(), Duration.ofDays(1));
    }

    private static String region() {
        return policy.regions().keySet().iterator().next();
    }

    private static Set<String> eventIds(String table) {
        String tsv = pipeline.query("SELECT event_id FROM sieve." + table, "TabSeparated");
        return tsv.isBlank() ? Set.of() : Set.of(tsv.strip().split("\n"));
    }

    private static String exportCli(Person p) {
        Cli.Output export = Cli.run("export", "--subject", p.subjectId(), "--config", sinkConfig.toString());
        assertThat(export.code()).as(export.err()).isZero();
        return export.out();
    }

    /** The operator's export of the person two seconds from now. */
    private static String settle(Person p) throws InterruptedException {
        Thread.sleep(2000);
        return exportCli(p);
    }

    private static String download(String id, SieveRights.ExportFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rights.downloadExport(id, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RightsRequest awaitRequest(String id, java.util.function.Predicate<RightsRequest> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            RightsRequest r = rights.request(id);
            if (done.test(r)) {
                return r;
            }
            assertThat(r.status()).as("request " + id + ": " + r.detail()).isNotEqualTo("failed");
            if (System.nanoTime() > deadline) {
                fail("request " + id + " still " + r.status() + " after 120 s: " + r.detail().orElse(""));
            }
            Thread.sleep(200);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within 90 s");
            }
            Thread.sleep(200);
        }
    }
}
