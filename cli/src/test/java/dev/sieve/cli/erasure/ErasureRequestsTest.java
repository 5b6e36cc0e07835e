package dev.sieve.cli.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.erasure.ErasureListEntries;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        assertThat(byDevice.getRequestId()).isEqualTo("req-7");
        assertThat(byDevice.getDeviceId()).isEqualTo("dev-9");
    }

    @Test
    void theListEntryIsKeyedAndFilledWithKeyedHashesOnly() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        ErasureListKey key = TestKeys.erasureList();
        SubjectIdentifiers identifiers = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        ErasureListEntries entries = new ErasureListEntries(key, identifiers::everyForm);
        ErasureRequest request = new ErasureRequests(new Topics(catalog.policy()), () -> "req-1").request(
                Optional.empty(), new Subject(Optional.empty(), Optional.of("dev-9")), "dpo@example", NOW);

        assertThat(entries.key(request)).isEqualTo(key.device("dev-9")).isNotEqualTo(key.subject("dev-9"));
        ErasedIdentifier entry = entries.of(request);
        assertThat(entry.getRequestId()).isEqualTo("req-1");
        assertThat(entry.getFormHashes()).containsExactlyInAnyOrderElementsOf(identifiers.everyForm(
                new Subject(Optional.empty(), Optional.of("dev-9"))).stream().map(key::hash).toList());
        assertThat(entry.toString()).doesNotContain("dev-9");
    }

    @Test
    void eachRegionSaysWhereTheRequestStands() {
        Map<String, Optional<ErasureState>> states = new LinkedHashMap<>();
        states.put("a", Optional.of(new ErasureState("completed", NOW, List.of("service_device",
                "analytics_device"), 4)));
        states.put("b", Optional.of(new ErasureState("completed", NOW, List.of(), 0)));
        states.put("c", Optional.of(new ErasureState("deferred", NOW, List.of(), 0)));
        states.put("d", Optional.of(new ErasureState("requested", NOW, List.of(), 0)));
        states.put("e", Optional.empty());

        assertThat(ErasureRequests.lines(states)).containsExactly(
                "a: completed 2026-11-02T09:30:00Z, 4 rows deleted from service_device, analytics_device",
                "b: completed 2026-11-02T09:30:00Z, no rows were stored",
                "c: deferred 2026-11-02T09:30:00Z: the subject is under a legal hold; the erasure runs when it is lifted",
                "d: requested 2026-11-02T09:30:00Z: in progress",
                "e: unknown: the sink has not read the request (yet), or the id is wrong");
    }
}
