package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rights calls against a scripted HTTP server: what they send, how they read answers and refusals. */
class SieveRightsTest {

    static final String REQUEST = "{\"id\":\"r-1\",\"kind\":\"consent\",\"status\":\"done\",\"verified_by\":\"desk\","
            + "\"received_at\":\"2026-12-01T10:00:00Z\",\"due_at\":\"2026-12-16T10:00:00Z\","
            + "\"updated_at\":\"2026-12-01T10:00:00.001Z\"}";

    @Test
    void consentSendsEveryDecisionWithTheServerKeyAndReadsTheRequest() throws Exception {
        try (StubCollector stub = new StubCollector()) {
            stub.then(new StubCollector.Answer(200, Map.of(), REQUEST));
            SieveRights rights = SieveRights.builder().endpoint(stub.endpoint()).serverKey("server-key-0123456789")
                    .build();
            Map<String, Boolean> purposes = new LinkedHashMap<>();
            purposes.put("cross_service", true);
            purposes.put("advertising", false);

            RightsRequest r = rights.recordConsent(RightsSubject.subject("user-1"), purposes, "desk");

            assertThat(r).isEqualTo(new RightsRequest("r-1", "consent", "done", "desk",
                    Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-16T10:00:00Z"),
                    Instant.parse("2026-12-01T10:00:00.001Z"), Optional.empty()));
            assertThat(r.isDone()).isTrue();
            StubCollector.Received sent = stub.received().get(0);
            assertThat(sent.path()).isEqualTo("/v1/rights/consent");
            assertThat(sent.json()).isEqualTo("{\"subject_id\":\"user-1\",\"verified_by\":\"desk\",\"purposes\":"
                    + "{\"cross_service\":\"granted\",\"advertising\":\"withdrawn\"}}");
            assertThat(sent.headers().get("Authorization")).containsExactly("Bearer server-key-0123456789");
        }
    }

    @Test
    void aRefusalBecomesAnExceptionWithTheCollectorsStatusErrorAndMessage() throws Exception {
        try (StubCollector stub = new StubCollector()) {
            stub.then(new StubCollector.Answer(400, Map.of(), "{\"error\":\"invalid_request\",\"message\":"
                    + "\"verified_by must name who verified the person's identity\"}"));
            SieveRights rights = SieveRights.builder().endpoint(stub.endpoint()).serverKey("k").build();

            assertThatThrownBy(() -> rights.requestErasure(RightsSubject.device("d-1"), "x"))
                    .isInstanceOfSatisfying(RightsException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.error()).isEqualTo("invalid_request");
                        assertThat(e.getMessage()).isEqualTo("the collector refused the call (400): verified_by must"
                                + " name who verified the person's identity");
                    });
            assertThat(stub.received().get(0).path()).isEqualTo("/v1/rights/erasure");
            assertThat(stub.received().get(0).json()).isEqualTo("{\"device_id\":\"d-1\",\"verified_by\":\"x\"}");
        }
    }

    @Test
    void aSubjectNeverShowsItsIdAndTheBuilderNamesWhatIsMissing() {
        assertThat(RightsSubject.subject("user-1")).hasToString("RightsSubject[subject_id]");
        assertThatThrownBy(() -> RightsSubject.device(" ")).hasMessage("device_id must not be blank");
        assertThatThrownBy(() -> SieveRights.builder().serverKey("k").build()).hasMessage("endpoint is required");
    }
}
