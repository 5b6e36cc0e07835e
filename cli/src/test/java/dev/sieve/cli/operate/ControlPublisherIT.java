package dev.sieve.cli.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.cli.CliFailure;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nothing counts as published until Kafka acknowledged it. */
class ControlPublisherIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void aRecordKafkaDoesNotAcknowledgeFailsWithoutQuotingIt() throws Exception {
        TopicSpec<String, ErasureRequest> topic = new Topics(PolicyLoader.loadDefault()).erasureRequests();
        KAFKA.createTopic(topic.name(), 1);
        ErasureRequest request = ErasureRequest.newBuilder().setRequestId("req-1").setSubjectId("erin-subject")
                .setRequestedAt(Instant.now()).setRequestedBy("dpo@example").build();
        KAFKA.stopBroker();
        try (ControlPublisher publisher = new ControlPublisher(RunningSink.kafkaClient(KAFKA), Duration.ofSeconds(2),
                Duration.ofSeconds(4))) {
            assertThatThrownBy(() -> publisher.publish(topic, "req-1", request))
                    .isInstanceOf(CliFailure.class)
                    .hasMessageStartingWith("Kafka did not acknowledge the record on sieve.control.erasure-requests,"
                            + " nothing"
                            + " was requested: TimeoutException: ")
                    .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(1))
                    .hasMessageNotContaining("erin");
        } finally {
            KAFKA.startBroker();
        }
    }
}
