package dev.sieve.ingest;

import static dev.sieve.ingest.TestBed.API_KEY;
import static dev.sieve.ingest.TestBed.APP;
import static dev.sieve.ingest.TestBed.OTHER_APP;
import static dev.sieve.ingest.TestBed.TOPICS;
import static dev.sieve.ingest.TestBed.json;
import static dev.sieve.ingest.TestBed.readAll;
import static dev.sieve.ingest.TestBed.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.ingest.adapter.kafka.ControlProducer;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.control.RightsRequestKind;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sdk.RightsException;
import dev.sieve.sdk.RightsRequest;
import dev.sieve.sdk.RightsSubject;
import dev.sieve.sdk.SieveRights;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.testsupport.EmbeddedKafka;
import dev.sieve.testsupport.MovableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rights API against a running collector and a real broker: who may call it, what each call writes on the
 * control topics, the register of requests, the overdue gauge on a clock the test moves, and the answers'
 * shapes against the committed OpenAPI description. ClickHouse is not reachable here, so an access export fails,
 * which is what the failed state looks like; the exports and erasures that finish are in e2e's RightsRequestsIT.
 */
class RightsApiIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final String SERVER_KEY = "notes-server-key-0123456789";
    static final String OTHER_SERVER_KEY = "chat-server-key-0123456789";
    static final String ALICE = "alice-subject-8812";
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static final MovableClock CLOCK = new MovableClock(START);
    static Policy policy;
    static CollectorConfig config;
    static Collector collector;
    static SieveRights rights;
    static OpenApiDescription openApi;

    @BeforeAll
    static void start() throws Exception {
        TestBed.createTopics(KAFKA);
        policy = PolicyLoader.loadDefault();
        CollectorConfig base = TestBed.config(KAFKA, Limits.defaults());
        config = new CollectorConfig(base.http(), base.tls(), base.kafka(), base.limits(),
                base.rateLimits(), base.apiKeys(), base.policy(), Map.of(APP, SERVER_KEY, OTHER_APP, OTHER_SERVER_KEY),
                Optional.of(TestBed.rights(KAFKA, dir)));
        collector = Collector.start(config, CLOCK);
        rights = client(SERVER_KEY);
        openApi = OpenApiDescription.load();
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    static SieveRights client(String key) {
        return SieveRights.builder().endpoint(URI.create("http://127.0.0.1:" + collector.port())).serverKey(key)
                .build();
    }

    static Map<String, Boolean> everyConsentPurpose(boolean granted) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        policy.purposes().values().stream().filter(Purpose::consentRequired).forEach(p -> out.put(p.id(), granted));
        return out;
    }

    @Test
    void onlyAServerKeyOpensTheRightsApiAndOnlyAnIngestKeyTheIngestEndpoints() throws Exception {
        String body = json("{'subject_id':'x','verified_by':'support-desk'}");
        for (String key : new String[] {API_KEY, null, "not-a-key-0123456789"}) {
            HttpResponse<String> r = TestBed.post(collector.port(), "/v1/rights/erasure", "application/json", key,
                    utf8(body));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            openApi.assertAnswers("post", "/v1/rights/erasure", 401, r.body());
        }
        HttpResponse<String> events = TestBed.post(collector.port(), "/v1/events", "application/json", SERVER_KEY,
                utf8(json("{'events':[]}")));
        assertThat(events.statusCode()).as("a server key is not an ingest key").isEqualTo(401);
    }

    @Test
    void consentRecordsTheGrantedPurposesOnTheConsentTopicAndIsDoneAtOnce() throws Exception {
        Map<String, Boolean> decisions = everyConsentPurpose(false);
        decisions.put("cross_service", true);
        RightsRequest r = rights.recordConsent(RightsSubject.subject(ALICE), decisions, "support-desk:sms-otp");

        assertThat(r.kind()).isEqualTo("consent");
        assertThat(r.status()).isEqualTo("done");
        assertThat(r.verifiedBy()).isEqualTo("support-desk:sms-otp");
        assertThat(r.receivedAt()).isEqualTo(CLOCK.instant());
        assertThat(r.dueAt()).isEqualTo(CLOCK.instant().plus(policy.responsePeriod()));
        TopicSpec<String, ConsentState> topic = TOPICS.consent();
        List<ConsumerRecord<String, ConsentState>> consents = readAll(KAFKA, topic.name(),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        ConsumerRecord<String, ConsentState> last = consents.stream()
                .filter(c -> c.key().equals(Topics.subjectKey(ALICE))).reduce((a, b) -> b).orElseThrow();
        assertThat(last.value().getPurposes()).containsExactly("cross_service");
        assertThat(last.value().getSubjectId()).isEqualTo(ALICE);
        assertThat(rights.request(r.id())).isEqualTo(r);
    }

    @Test
    void consentMustStateEveryPurposeThatAsksItAndNoOther() throws Exception {
        Map<String, Boolean> missing = everyConsentPurpose(true);
        missing.remove("cross_service");
        assertThatThrownBy(() -> rights.recordConsent(RightsSubject.subject(ALICE), missing, "support-desk"))
                .isInstanceOfSatisfying(RightsException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("invalid_request");
                    assertThat(e.getMessage()).contains("purposes must state every purpose that asks consent, and"
                            + " only those: ");
                });
        Map<String, Boolean> extra = everyConsentPurpose(true);
        extra.put("service", true);
        assertThatThrownBy(() -> rights.recordConsent(RightsSubject.subject(ALICE), extra, "support-desk"))
                .isInstanceOf(RightsException.class);
    }

    @Test
    void badCallsAreRefusedWithoutQuotingWhatWasSent() throws Exception {
        String planted = "bob@example.com";
        Map<String, String> bodies = Map.of(
                json("{'subject_id':'" + planted + "','device_id':'d-1','verified_by':'desk'}"),
                "give exactly one of subject_id and device_id (a person with both is two requests)",
                json("{'subject_id':'s-1','verified_by':'" + planted + "'}"),
                "verified_by must name who verified the person's identity (policy 5.3): 1 to 64 letters, digits,"
                        + " spaces, '.', '_', ':' or '-', starting with a letter or digit (a role or method, not a"
                        + " person's address)",
                json("{'subject_id':'s-1','verified_by':'desk','" + planted + "':1}"),
                "the body must be a JSON object with the fields of the OpenAPI description and no others",
                json("{'subject_id':'   ','verified_by':'desk'}"),
                "subject_id must be 1 to 256 characters, not blank");
        for (Map.Entry<String, String> call : bodies.entrySet()) {
            HttpResponse<String> r = TestBed.post(collector.port(), "/v1/rights/access", "application/json",
                    SERVER_KEY, utf8(call.getKey()));
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode answer = JSON.readTree(r.body());
            assertThat(answer.get("error").asText()).isEqualTo("invalid_request");
            assertThat(answer.get("message").asText()).isEqualTo(call.getValue());
            assertThat(r.body()).doesNotContain(planted);
            openApi.assertAnswers("post", "/v1/rights/access", 400, r.body());
        }
    }

    @Test
    void anErasureIsFiledOnTheErasureListAndTheRequestTopicUnderTheRequestsId() throws Exception {
        String subject = "carol-subject-4411";
        RightsRequest r = rights.requestErasure(RightsSubject.subject(subject), "support-desk");
        assertThat(r.kind()).isEqualTo("erasure");
        assertThat(r.status()).isEqualTo("in_progress");

        TopicSpec<String, ErasureRequest> requests = TOPICS.erasureRequests();
        ErasureRequest filed = readAll(KAFKA, requests.name(), requests.keySerde().deserializer(),
                requests.valueSerde().deserializer()).stream().filter(c -> c.key().equals(r.id()))
                .map(ConsumerRecord::value).findFirst().orElseThrow();
        assertThat(filed.getSubjectId()).isEqualTo(subject);
        assertThat(filed.getRequestedBy()).isEqualTo("rights API, app notes, identity verified by support-desk");
        TopicSpec<String, ErasedIdentifier> list = TOPICS.erasure();
        ErasureListKey listKey = TestKeys.erasureList();
        ErasedIdentifier entry = readAll(KAFKA, list.name(), list.keySerde().deserializer(),
                list.valueSerde().deserializer()).stream().filter(c -> c.key().equals(listKey.subject(subject)))
                .map(ConsumerRecord::value).findFirst().orElseThrow();
        assertThat(entry.getRequestId()).isEqualTo(r.id());
        assertThat(entry.getFormHashes()).contains(listKey.hash(subject));
    }

    @Test
    void theRegisterNamesNoSubjectAndAnAppSeesOnlyItsOwnRequests() throws Exception {
        String subject = "dave-subject-7710";
        RightsRequest r = rights.requestErasure(RightsSubject.subject(subject), "support-desk");
        assertThatThrownBy(() -> client(OTHER_SERVER_KEY).request(r.id()))
                .isInstanceOfSatisfying(RightsException.class, e -> assertThat(e.status()).isEqualTo(404));
        HttpResponse<String> unknown = TestBed.get(collector.port(), "/v1/rights/requests/" + r.id());
        assertThat(unknown.statusCode()).as("no key").isEqualTo(401);

        TopicSpec<String, dev.sieve.schemas.control.RightsRequest> register = TOPICS.rightsRequests();
        List<ConsumerRecord<byte[], byte[]>> raw = readAll(KAFKA, register.name(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        assertThat(raw).isNotEmpty().allSatisfy(c -> assertThat(new String(c.value(), StandardCharsets.ISO_8859_1))
                .doesNotContain(subject).doesNotContain(ALICE));
        List<dev.sieve.schemas.control.RightsRequest> states = readAll(KAFKA, register.name(),
                register.keySerde().deserializer(), register.valueSerde().deserializer()).stream()
                .filter(c -> c.key().equals(r.id())).map(ConsumerRecord::value).toList();
        assertThat(states).extracting(dev.sieve.schemas.control.RightsRequest::getStatus)
                .containsExactly(RightsRequestStatus.RECEIVED, RightsRequestStatus.IN_PROGRESS);
        assertThat(states).allSatisfy(s -> {
            assertThat(s.getAppId()).isEqualTo(APP);
            assertThat(s.getKind()).isEqualTo(RightsRequestKind.ERASURE);
        });
    }

    @Test
    void anAccessRequestWhoseExportFailsIsFailedAndSaysWhyWithoutTheSubject() throws Exception {
        String subject = "erin-subject-3307";
        RightsRequest r = rights.requestAccess(RightsSubject.device(subject), "support-desk");
        assertThat(r.status()).isEqualTo("in_progress");
        RightsRequest failed = await(r.id(), RightsRequest::isFailed);
        assertThat(failed.detail()).hasValueSatisfying(d -> assertThat(d).startsWith("the export failed (")
                .endsWith("); file a new request").doesNotContain(subject));
        assertThatThrownBy(() -> rights.downloadExport(r.id(), SieveRights.ExportFormat.JSON,
                java.io.OutputStream.nullOutputStream())).isInstanceOfSatisfying(RightsException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("not_ready");
                });
    }

    @Test
    void anExportInterruptedByTheCollectorStoppingIsFailedWhenItStartsAgain() throws Exception {
        // What a collector stopped while writing an export leaves: the request in progress, the partial file.
        String id = UUID.randomUUID().toString();
        Instant now = CLOCK.instant();
        try (ControlProducer producer = new ControlProducer(config.kafka())) {
            producer.publish(TOPICS.rightsRequests(), id, dev.sieve.schemas.control.RightsRequest.newBuilder()
                    .setRequestId(id).setAppId(APP).setKind(RightsRequestKind.ACCESS)
                    .setStatus(RightsRequestStatus.IN_PROGRESS).setVerifiedBy("support-desk").setReceivedAt(now)
                    .setDueAt(now.plus(15, ChronoUnit.DAYS)).setUpdatedAt(now).setDetail("exporting").build());
        }
        Path partial = Files.writeString(config.rights().orElseThrow().exportDir().resolve("." + id + ".partial"),
                "{\"region\":\"cn-north\",\"table\":");

        try (Collector restarted = Collector.start(config, CLOCK)) {
            RightsRequest r = SieveRights.builder().endpoint(URI.create("http://127.0.0.1:" + restarted.port()))
                    .serverKey(SERVER_KEY).build().request(id);

            assertThat(r.isFailed()).as("failed before the restarted collector serves").isTrue();
            assertThat(r.detail()).contains("the export was interrupted: the collector stopped while writing it; "
                    + "file a new request");
            assertThat(partial).doesNotExist();
        }
        assertThat(await(id, RightsRequest::isFailed).detail()).as("on the register every collector follows")
                .hasValueSatisfying(d -> assertThat(d).startsWith("the export was interrupted"));
    }

    @Test
    void everyAnswerHasTheShapeTheDescriptionGives() throws Exception {
        RightsRequest r = rights.requestErasure(RightsSubject.subject("frank-subject-1"), "support-desk");
        HttpResponse<String> status = getWithKey("/v1/rights/requests/" + r.id());
        assertThat(status.statusCode()).isEqualTo(200);
        openApi.assertAnswers("get", "/v1/rights/requests/{id}", 200, status.body());
        HttpResponse<String> missing = getWithKey("/v1/rights/requests/no-such-request");
        assertThat(missing.statusCode()).isEqualTo(404);
        openApi.assertAnswers("get", "/v1/rights/requests/{id}", 404, missing.body());
        HttpResponse<String> notReady = getWithKey("/v1/rights/requests/" + r.id() + "/export?format=csv");
        assertThat(notReady.statusCode()).isEqualTo(409);
        openApi.assertAnswers("get", "/v1/rights/requests/{id}/export", 409, notReady.body());
        HttpResponse<String> badFormat = getWithKey("/v1/rights/requests/" + r.id() + "/export?format=xml");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        openApi.assertAnswers("get", "/v1/rights/requests/{id}/export", 400, badFormat.body());
        for (String path : List.of("/v1/rights/erasure", "/v1/rights/access")) {
            HttpResponse<String> filed = TestBed.post(collector.port(), path, "application/json", SERVER_KEY,
                    utf8(json("{'device_id':'grace-device-1','verified_by':'desk'}")));
            assertThat(filed.statusCode()).isEqualTo(202);
            openApi.assertAnswers("post", path, 202, filed.body());
        }
        Map<String, String> purposes = new LinkedHashMap<>();
        everyConsentPurpose(true).keySet().forEach(p -> purposes.put(p, "granted"));
        HttpResponse<String> consent = TestBed.post(collector.port(), "/v1/rights/consent", "application/json",
                SERVER_KEY, utf8(JSON.writeValueAsString(Map.of("device_id", "grace-device-1", "verified_by", "desk",
                        "purposes", purposes))));
        assertThat(consent.statusCode()).isEqualTo(200);
        openApi.assertAnswers("post", "/v1/rights/consent", 200, consent.body());
    }

    @Test
    void theServerServesExactlyThePathsAndMethodsTheDescriptionLists() {
        assertThat(openApi.operations()).containsExactlyInAnyOrderElementsOf(
                dev.sieve.ingest.adapter.http.RightsEndpoints.ROUTES.stream()
                        .map(route -> route.method().name().toLowerCase() + " " + route.path()).toList());
    }

    @Test
    void anOpenRequestPastItsDueDateShowsInTheOverdueGauge() throws Exception {
        double before = gauge("sieve_rights_requests_overdue{kind=\"erasure\"}");
        RightsRequest r = rights.requestErasure(RightsSubject.subject("heidi-subject-5"), "support-desk");
        assertThat(gauge("sieve_rights_requests_overdue{kind=\"erasure\"}")).isEqualTo(before);
        Instant was = CLOCK.instant();
        try {
            CLOCK.set(r.dueAt().plus(1, ChronoUnit.SECONDS));
            double overdue = gauge("sieve_rights_requests_overdue{kind=\"erasure\"}");
            assertThat(overdue).as("this request and the test's other open erasures, all filed before").isPositive()
                    .isGreaterThan(before);
            assertThat(gauge("sieve_rights_requests_overdue{kind=\"consent\"}")).as("consents are done at once")
                    .isZero();
            assertThat(TestBed.get(collector.port(), "/metrics").body()).doesNotContain("heidi-subject-5");
        } finally {
            CLOCK.set(was);
        }
    }

    static HttpResponse<String> getWithKey(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + collector.port() + path))
                .header("Authorization", "Bearer " + SERVER_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double gauge(String series) throws Exception {
        String metrics = TestBed.get(collector.port(), "/metrics").body();
        return metrics.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(
                series.length() + 1))).findFirst().orElseThrow(() -> new AssertionError(series + " not in " + metrics));
    }

    static RightsRequest await(String id, java.util.function.Predicate<RightsRequest> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            RightsRequest r = rights.request(id);
            if (done.test(r)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("request " + id + " still " + r.status());
            }
            Thread.sleep(100);
        }
    }
}
