package dev.sieve.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static Policy policy;
    private static Topics topics;

    @BeforeAll
    static void load() throws Exception {
        policy = PolicyLoader.loadDefault();
        topics = new Topics(policy);
    }

    @Test
    void namesFollowTheStagesOfThePipeline() {
        assertThat(topics.raw(EventFamily.SERVICE_LOG).name()).isEqualTo("sieve.raw.service_log");
        assertThat(topics.enriched(EventFamily.IP).name()).isEqualTo("sieve.enriched.ip");
        assertThat(topics.purpose(policy.purpose("analytics").orElseThrow(), EventFamily.DEVICE).name())
                .isEqualTo("sieve.purpose.analytics.device");
        assertThat(topics.deadLetter(Stage.ENRICH).name()).isEqualTo("sieve.dlq.enrich");
        assertThat(topics.consent().name()).isEqualTo("sieve.control.consent");
        assertThat(topics.erasure().name()).isEqualTo("sieve.control.erasure");
        assertThat(topics.erasureRequests().name()).isEqualTo("sieve.control.erasure-requests");
        assertThat(topics.retention().name()).isEqualTo("sieve.control.retention");
    }

    @Test
    void retentionComesFromThePolicyAndControlTopicsAreCompacted() {
        assertThat(topics.raw(EventFamily.DEVICE).configs())
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "259200000", "segment.ms", "259200000"));
        assertThat(topics.deadLetter(Stage.INGEST).configs()).containsEntry("retention.ms", "604800000");
        assertThat(topics.consent().configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void theSaltTopicIsCompactedSoonAfterASaltIsDestroyed() {
        assertThat(topics.salts().name()).isEqualTo("sieve.control.salts");
        assertThat(topics.salts().configs()).isEqualTo(Map.of("cleanup.policy", "compact",
                "segment.ms", "3600000", "max.compaction.lag.ms", "3600000", "min.cleanable.dirty.ratio", "0.01",
                "delete.retention.ms", "86400000"));
        assertThat(Topics.saltKey("analytics", "m2026-12")).isEqualTo("analytics/m2026-12");
    }

    @Test
    void theErasureListIsCompactedAndTheRequestsWithRawIdsExpireWithinTwoWeeks() {
        assertThat(topics.erasure().configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(topics.erasureRequests().configs()).isEqualTo(Map.of("cleanup.policy", "delete",
                "retention.ms", "604800000", "segment.ms", "604800000"));
    }

    @Test
    void rightsRequestsAndRevocationsAreCompactedControlTopics() {
        assertThat(topics.rightsRequests().name()).isEqualTo("sieve.control.rights-requests");
        assertThat(topics.rightsRequests().configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(topics.appRevocations().name()).isEqualTo("sieve.control.app-revocations");
        assertThat(topics.appRevocations().configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void quarantinesAreACompactedControlTopicKeyedByPurpose() {
        assertThat(topics.quarantine().name()).isEqualTo("sieve.control.quarantine");
        assertThat(topics.quarantine().configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(topics.all()).extracting(TopicSpec::name).contains("sieve.control.quarantine");
    }

    @Test
    void everyTopicIsListedOnce() {
        long purposeTopics = policy.purposes().values().stream().mapToLong(p -> p.families().size()).sum();
        assertThat(topics.all()).hasSize((int) (2 * EventFamily.values().length + purposeTopics
                + Stage.values().length + 8));
        assertThat(topics.all()).extracting(TopicSpec::name).doesNotHaveDuplicates();
    }

    @Test
    void rawTopicSerdeCarriesTheFamilyRecord() {
        TopicSpec<String, SpecificRecord> raw = topics.raw(EventFamily.DEVICE);
        byte[] bytes = raw.valueSerde().serializer().serialize(raw.name(), SampleEvents.device());
        assertThat(raw.valueSerde().deserializer().deserialize(raw.name(), bytes)).isEqualTo(SampleEvents.device());
    }

    @Test
    void aPurposeTopicExistsOnlyForFamiliesThePolicyFeedsIt() {
        assertThatThrownBy(() -> topics.purpose(policy.purpose("surveys").orElseThrow(), EventFamily.IP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the policy does not feed family ip to purpose surveys");
    }
}
