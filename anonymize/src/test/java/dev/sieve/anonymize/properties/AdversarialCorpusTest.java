package dev.sieve.anonymize.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.schemas.pseudonym.TestSalts;
import dev.sieve.anonymize.projection.EventView;
import dev.sieve.anonymize.projection.PurposeProjection;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.action.StoredForm;
import dev.sieve.testsupport.corpus.AdversarialCorpus;
import dev.sieve.testsupport.corpus.AdversarialCorpus.Case;
import dev.sieve.testsupport.corpus.AdversarialCorpus.Expect;
import dev.sieve.testsupport.corpus.Survival;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every case of the adversarial corpus through every purpose projection of the default policy: no secret survives
 * in any column whose action is {@code scrub_text} or {@code scrub_url}, and every near miss does.
 */
class AdversarialCorpusTest {

    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    static Policy policy;
    static Projections projections;

    @BeforeAll
    static void build() throws Exception {
        policy = PolicyLoader.loadDefault();
        projections = new Projections(policy, TestKeyRings.forPolicy(policy), Duration.ofDays(1),
                TestSalts.current(policy, NOW));
    }

    @Test
    void theCorpusCoversEveryRecognizerClassAndEveryScrubbedField() {
        List<Case> cases = AdversarialCorpus.cases();
        Set<String> classes = new TreeSet<>();
        Set<String> fields = new TreeSet<>();
        cases.forEach(c -> {
            classes.add(c.recognizer());
            fields.add(c.field());
        });
        assertThat(classes).contains("email", "phone", "card", "imei", "iban", "national_id", "mac", "ip", "uuid",
                "credential", "token", "url", "handle", "own_identifier", "location", "document", "near_miss");
        assertThat(fields).containsExactlyInAnyOrder("search_query", "failure_message", "page_url", "referrer_url");
        assertThat(cases).extracting(Case::id).doesNotHaveDuplicates();
    }

    @Test
    void noSecretSurvivesAnyScrubbedColumnAndEveryNearMissStays() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Case c : AdversarialCorpus.cases()) {
            ServiceLogEvent event = SampleEvents.serviceLog();
            event.put(c.field(), c.value());
            c.subjectId().ifPresent(event.getEnvelope()::setSubjectId);
            c.deviceId().ifPresent(event.getEnvelope()::setDeviceId);
            EventView view = new EventView(EventFamily.SERVICE_LOG, event);
            for (PurposeProjection p : projections.of(EventFamily.SERVICE_LOG)) {
                FieldRule rule = p.purpose().family(EventFamily.SERVICE_LOG).orElseThrow().fields().get(c.field());
                if (rule == null || rule.action().type().form() != StoredForm.SCRUBBED) {
                    continue;
                }
                GenericRecord out = p.project(view, NOW);
                Object stored = out.get(c.field());
                String text = stored == null ? null : stored.toString();
                checked++;
                for (String needle : c.needles()) {
                    if (c.expect() == Expect.SCRUB && !Survival.survives(c.value(), needle)
                            && c.value().equals(text)) {
                        // the needle check cannot see this disguise, so at least something must have been removed
                        failures.add(c.id() + " passed through " + p.purpose().id() + "." + c.field() + " unchanged");
                    }
                    boolean survived = Survival.survives(text, needle);
                    if (c.expect() == Expect.SCRUB && survived) {
                        failures.add(c.id() + " survived in " + p.purpose().id() + "." + c.field() + ": " + text);
                    } else if (c.expect() == Expect.KEEP && !survived) {
                        failures.add(c.id() + " (near miss) was removed in " + p.purpose().id() + "." + c.field()
                                + ": " + text);
                    }
                }
            }
        }
        assertThat(checked).as("scrubbed columns checked").isGreaterThan(AdversarialCorpus.cases().size());
        assertThat(failures).isEmpty();
    }
}
