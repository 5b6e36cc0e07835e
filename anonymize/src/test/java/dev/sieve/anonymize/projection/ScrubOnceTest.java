package dev.sieve.anonymize.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.schemas.pseudonym.TestSalts;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.action.ScrubTextAction;
import dev.sieve.schemas.policy.action.ScrubUrlAction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Item 7 of the privacy engine: a field is scrubbed once per event, whatever the number of purposes. */
class ScrubOnceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void aDerivedValueIsComputedOnceAndSharedWithEveryLaterAskerOfTheSameKey() {
        EventView view = new EventView(EventFamily.SERVICE_LOG, SampleEvents.serviceLog());
        AtomicInteger computed = new AtomicInteger();
        List<String> search = List.of("search_query", "scrub_text");
        List<String> page = List.of("page_url", "scrub_url");

        Object first = view.derived(search, v -> "v" + computed.incrementAndGet());
        Object again = view.derived(search, v -> "v" + computed.incrementAndGet());
        Object other = view.derived(page, v -> null);
        Object otherAgain = view.derived(page, v -> "never");

        assertThat(first).isEqualTo("v1");
        assertThat(again).isEqualTo("v1");
        assertThat(computed).hasValue(1);
        assertThat(other).isNull();
        assertThat(otherAgain).as("a null result is remembered too").isNull();
    }

    @Test
    void derivedValuesAreKeyedByTheKeyInstanceWhichCallersKeepOnePerComputation() {
        EventView view = new EventView(EventFamily.SERVICE_LOG, SampleEvents.serviceLog());

        Object first = view.derived(List.of("search_query", "scrub_text"), v -> "first");
        Object equalKey = view.derived(List.of("search_query", "scrub_text"), v -> "second");

        assertThat(first).isEqualTo("first");
        assertThat(equalKey).as("an equal key of another instance is another computation").isEqualTo("second");
    }

    @Test
    void everyServiceLogPurposeGetsTheScrubOfTheFieldComputedOnceForItsActionAndOptions() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Projections projections = new Projections(policy, TestKeyRings.forPolicy(policy), Duration.ofDays(1),
                TestSalts.current(policy, NOW));
        ServiceLogEvent event = SampleEvents.serviceLog();
        EventView view = new EventView(EventFamily.SERVICE_LOG, event);
        int applications = 0;
        Set<List<Object>> distinct = new HashSet<>();
        Set<String> urlFields = new HashSet<>();
        Map<List<Object>, Object> first = new HashMap<>();
        for (PurposeProjection p : projections.of(EventFamily.SERVICE_LOG)) {
            GenericRecord out = p.project(view, NOW);
            for (FieldRule r : p.purpose().family(EventFamily.SERVICE_LOG).orElseThrow().fields().values()) {
                if (r.action() instanceof ScrubTextAction || r.action() instanceof ScrubUrlAction) {
                    applications++;
                    // The action is a value: a scrub_url rule's includes its allow-list.
                    List<Object> scrub = List.of(r.field(), r.action());
                    distinct.add(scrub);
                    if (r.action() instanceof ScrubUrlAction) {
                        urlFields.add(r.field());
                    }
                    Object value = out.get(r.field());
                    Object previous = first.putIfAbsent(scrub, value);
                    if (previous != null) {
                        assertThat(value).as("same scrub of %s in %s", r.field(), p.purpose().id())
                                .isSameAs(previous);
                    }
                }
            }
        }

        assertThat(applications).as("the default policy scrubs service-log fields in several purposes")
                .isGreaterThan(distinct.size());
        // Each distinct scrub once, and each URL field taken apart once for all its allow-lists.
        assertThat(urlFields).as("a URL field is scrubbed with different allow-lists").hasSizeLessThan(
                (int) distinct.stream().filter(k -> k.get(1) instanceof ScrubUrlAction).count());
        assertThat(view.derivedCount()).isEqualTo(distinct.size() + urlFields.size());
    }
}
