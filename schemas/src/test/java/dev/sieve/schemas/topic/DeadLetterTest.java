package dev.sieve.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.contract.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void aRecordDeadLetteredAgainKeepsItsHeadersButOnlyItsNewestReasonDetailAndSource() {
        Headers original = new RecordHeaders();
        original.add(Topics.HEADER_REGION, utf8("cn-north"));
        original.add(Topics.HEADER_DLQ_REASON, utf8("undecodable"));
        original.add(Topics.HEADER_DLQ_DETAIL, utf8("an older detail"));
        original.add(Topics.HEADER_SOURCE_TOPIC, utf8("an.older.topic"));
        original.add(Topics.HEADER_APP_ID, utf8("notes"));
        DeadLetter letter = new DeadLetter(utf8("k"), utf8("v"), original, DeadLetterReason.UNENCODABLE,
                "column ip_address: not an IP address", Optional.of("sieve.purpose.service.ip"), Optional.empty());

        ProducerRecord<byte[], byte[]> record = letter.toRecord("sieve.dlq.sink", 42L);

        assertThat(record.topic()).isEqualTo("sieve.dlq.sink");
        assertThat(record.timestamp()).isEqualTo(42L);
        assertThat(record.key()).isEqualTo(utf8("k"));
        assertThat(record.value()).isEqualTo(utf8("v"));
        assertThat(headers(record.headers())).containsExactly(
                Topics.HEADER_REGION + "=cn-north",
                Topics.HEADER_APP_ID + "=notes",
                Topics.HEADER_DLQ_REASON + "=unencodable",
                Topics.HEADER_DLQ_DETAIL + "=column ip_address: not an IP address",
                Topics.HEADER_SOURCE_TOPIC + "=sieve.purpose.service.ip");
    }

    @Test
    void inputTheCollectorRefusedNamesItsAppAndNoSourceTopic() {
        DeadLetter letter = DeadLetter.received(utf8("{}"), DeadLetterReason.INVALID_BATCH,
                "expected {\"events\": [...]}", "notes");

        ProducerRecord<byte[], byte[]> record = letter.toRecord("sieve.dlq.ingest", null);

        assertThat(record.key()).isNull();
        assertThat(record.timestamp()).isNull();
        assertThat(headers(record.headers())).containsExactly(
                Topics.HEADER_DLQ_REASON + "=invalid_batch",
                Topics.HEADER_DLQ_DETAIL + "=expected {\"events\": [...]}",
                Topics.HEADER_APP_ID + "=notes");
    }

    @Test
    void everyReasonHasOneIdAndIsGivenBySomeStage() {
        List<String> ids = Vocabulary.ids(DeadLetterReason.class);
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z][a-z_]*"));
        assertThat(DeadLetterReason.values()).allMatch(r -> Arrays.stream(Stage.values()).anyMatch(r::givenBy));
    }

    @Test
    void eachStageHasItsOwnReasonsAndSharesOnlyWhatMeansTheSameThere() {
        assertThat(DeadLetterReason.of(Stage.ENRICH)).containsExactly(DeadLetterReason.UNKNOWN_REGION,
                DeadLetterReason.UNDECODABLE, DeadLetterReason.MISSING_EVENT_ID, DeadLetterReason.PROCESSING_FAILED);
        assertThat(DeadLetterReason.of(Stage.ANONYMIZE)).containsExactly(DeadLetterReason.UNKNOWN_REGION,
                DeadLetterReason.UNDECODABLE, DeadLetterReason.PROCESSING_FAILED);
        assertThat(DeadLetterReason.of(Stage.INGEST)).contains(DeadLetterReason.MALFORMED_JSON,
                DeadLetterReason.UNKNOWN_REGION).doesNotContain(DeadLetterReason.UNDECODABLE);
        assertThat(DeadLetterReason.of(Stage.SINK)).contains(DeadLetterReason.UNDECODABLE,
                DeadLetterReason.REJECTED_BY_CLICKHOUSE).doesNotContain(DeadLetterReason.UNKNOWN_REGION);
    }

    private static List<String> headers(Headers headers) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
