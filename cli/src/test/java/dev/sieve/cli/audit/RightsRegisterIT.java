package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.control.RightsRequestKind;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.audit.Finding;
import dev.sieve.testsupport.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sieve audit} reads the rights register from the broker as the collectors wrote it: the latest state of each
 * request counts, so a request that was overdue and then done is no finding, and one still in progress past its due
 * date is.
 */
class RightsRegisterIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final Instant NOW = Instant.parse("2026-12-20T12:00:00Z");

    @Test
    void theLatestStateOfEachRequestIsAudited() throws Exception {
        TopicSpec<String, RightsRequest> topic = new Topics(PolicyLoader.loadDefault()).rightsRequests();
        KAFKA.createTopic(topic.name(), 2);
        Map<String, Object> client = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers()));
        try (KafkaProducer<String, RightsRequest> producer = new KafkaProducer<>(client,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (RightsRequest r : new RightsRequest[] {
                    RightsAuditTest.request("answered", RightsRequestKind.ERASURE, RightsRequestStatus.IN_PROGRESS,
                            NOW.minusSeconds(60)),
                    RightsAuditTest.request("answered", RightsRequestKind.ERASURE, RightsRequestStatus.DONE,
                            NOW.minusSeconds(60)),
                    RightsAuditTest.request("waiting", RightsRequestKind.ACCESS, RightsRequestStatus.RECEIVED,
                            NOW.minusSeconds(60)),
                    RightsAuditTest.request("waiting", RightsRequestKind.ACCESS, RightsRequestStatus.IN_PROGRESS,
                            NOW.minusSeconds(60))}) {
                producer.send(new ProducerRecord<>(topic.name(), r.getRequestId(), r)).get();
            }
        }

        Collection<RightsRequest> latest = RightsRegister.read(client, topic, Duration.ofSeconds(30));

        assertThat(latest).extracting(RightsRequest::getRequestId).containsExactlyInAnyOrder("answered", "waiting");
        assertThat(RightsAudit.check(latest, Duration.ofDays(15), NOW)).extracting(Finding::line).containsExactly(
                "DRIFT privacy rights request waiting (access, app notes): overdue: not answered by its due date:"
                        + " live in_progress, due 2026-12-20T11:59:00Z, policy answered within 15d");
    }

    @Test
    void aRegisterWhoseTopicDoesNotExistIsEmptyForTheTopicAuditToReport() throws Exception {
        TopicSpec<String, RightsRequest> registered = new Topics(PolicyLoader.loadDefault()).rightsRequests();
        TopicSpec<String, RightsRequest> missing = new TopicSpec<>(registered.name() + "-never-created",
                registered.keySerde(), registered.valueSerde(), true, Optional.empty());

        assertThat(RightsRegister.read(new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers())), missing, Duration.ofSeconds(30))).isEmpty();
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).as("reading it created nothing").doesNotContain(
                    missing.name());
        }
    }
}
