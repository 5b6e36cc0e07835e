package dev.sieve.cli.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.erasure.ErasureStatus;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErasureRequestsTest {

    static final Instant NOW = Instant.parse("2026-11-02T09:30:00.123456Z");

    @Test
    void aRequestIsKeyedBySubjectOrDeviceWithARandomIdUnlessGiven() throws Exception {
        ErasureRequests requests = new ErasureRequests(new Topics(PolicyLoader.loadDefault()), () -> "generated-1");

        ErasureRequest bySubject = requests.request(Optional.empty(), new Subject(Optional.of("alice"),
                Optional.empty()), "dpo@example", NOW);
        ErasureRequest byDevice = requests.request(Optional.of("req-7"), new Subject(Optional.empty(),
                Optional.of("dev-9")), "dpo@example", NOW);

        assertThat(bySubject).isEqualTo(ErasureRequest.newBuilder().setRequestId("generated-1").setSubjectId("alice")
                .setDeviceId(null).setRequestedAt(Instant.parse("2026-11-02T09:30:00.123Z"))
                .setRequestedBy("dpo@example").build());
        assertThat(ErasureRequests.key(bySubject)).isEqualTo(Topics.subjectKey("alice"));
        assertThat(byDevice.getRequestId()).isEqualTo("req-7");
        assertThat(ErasureRequests.key(byDevice)).isEqualTo(Topics.deviceKey("dev-9"));
    }

    @Test
    void eachRegionSaysWhereTheRequestStands() {
        Map<String, Optional<ErasureStatus.State>> states = new LinkedHashMap<>();
        states.put("a", Optional.of(new ErasureStatus.State("completed", NOW, List.of("service_device",
                "analytics_device"), 4)));
        states.put("b", Optional.of(new ErasureStatus.State("completed", NOW, List.of(), 0)));
        states.put("c", Optional.of(new ErasureStatus.State("deferred", NOW, List.of(), 0)));
        states.put("d", Optional.of(new ErasureStatus.State("requested", NOW, List.of(), 0)));
        states.put("e", Optional.empty());

        assertThat(ErasureRequests.lines(states)).containsExactly(
                "a: completed 2026-11-02T09:30:00Z, 4 rows deleted from service_device, analytics_device",
                "b: completed 2026-11-02T09:30:00Z, no rows were stored",
                "c: deferred 2026-11-02T09:30:00Z: the subject is under a legal hold; the erasure runs when it is lifted",
                "d: requested 2026-11-02T09:30:00Z: in progress",
                "e: unknown: the sink has not read the request (yet), or the id is wrong");
    }
}
