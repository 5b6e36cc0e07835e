package dev.sieve.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sdk.SieveClient;
import dev.sieve.sdk.SieveEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoEventsTest {

    static final Policy POLICY = load();
    static final Instant NOW = Instant.parse("2026-11-29T08:15:30Z");
    static final Population POPULATION = Population.generate(42, 200, List.of("cn-north", "cn-east"),
            List.of("cross_service"));

    @Test
    void everyFamilyIsSent() {
        List<SieveEvent> events = events(POPULATION, 7, 300);

        assertThat(events.stream().map(e -> EventFamily.fromId(e.family()).orElseThrow()).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(EventFamily.class));
    }

    @Test
    void everyEventPassesTheCollectorsStrictRulesOnTheSdksWire() throws Exception {
        List<SieveEvent> events = events(POPULATION, 11, 2_000);
        try (CollectorRules collector = new CollectorRules(POLICY, "notes");
                SieveClient client = SieveClient.builder().endpoint(collector.endpoint()).apiKey("demo-key-for-tests")
                        .appId("notes").appVersion("4.3.0").region("cn-north").build()) {
            events.forEach(client::send);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();

            assertThat(collector.outcomes()).hasSize(events.size()).allSatisfy(o -> assertThat(o)
                    .as(o instanceof EventOutcome.Rejected r ? r.rejection().toString() : "accepted")
                    .isInstanceOf(EventOutcome.Accepted.class));
            assertThat(client.stats().sent()).isEqualTo(events.size());
        }
    }

    @Test
    void theSameSeedGivesTheSameValues() {
        Population again = Population.generate(42, 200, List.of("cn-north", "cn-east"), List.of("cross_service"));

        assertThat(fields(events(again, 7, 200))).isEqualTo(fields(events(POPULATION, 7, 200)));
        assertThat(fields(events(POPULATION, 8, 200))).isNotEqualTo(fields(events(POPULATION, 7, 200)));
    }

    @Test
    void searchesAndFailuresQuoteWhatAnonymizeMustScrub() {
        List<Object> texts = events(POPULATION, 3, 3_000).stream()
                .flatMap(e -> e.fields().entrySet().stream()
                        .filter(f -> f.getKey().equals("search_query") || f.getKey().equals("failure_message")
                                || f.getKey().equals("page_url"))
                        .map(f -> f.getValue()))
                .toList();

        assertThat(texts).anySatisfy(t -> assertThat(t.toString()).contains("@example."))
                .anySatisfy(t -> assertThat(t.toString()).contains("555 01"))
                .anySatisfy(t -> assertThat(t.toString()).contains("utm_source="))
                .anySatisfy(t -> assertThat(t.toString()).contains("user-"));
    }

    @Test
    void peersAreOtherPeopleNeverTheUserThemself() {
        for (SieveEvent e : events(POPULATION, 5, 3_000)) {
            if (e.family().equals("communication_log") && e.subjectId() != null) {
                assertThat(e.fields().get("peer_account")).isNotEqualTo(e.subjectId());
            }
        }
    }

    private static List<SieveEvent> events(Population population, long seed, int n) {
        DemoEvents demo = new DemoEvents(population);
        Random random = new Random(seed);
        List<SieveEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(demo.next(population.devices().get(random.nextInt(population.devices().size())), random, NOW));
        }
        return events;
    }

    /** Everything but the event id, which the SDK picks anew for every event. */
    private static List<String> fields(List<SieveEvent> events) {
        return events.stream().map(e -> e.family() + e.eventTime() + e.subjectId() + e.deviceId() + e.region()
                + e.fields()).toList();
    }

    private static Policy load() {
        try {
            return PolicyLoader.loadDefault();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
