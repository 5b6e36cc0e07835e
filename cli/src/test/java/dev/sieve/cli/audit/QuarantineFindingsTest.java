package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.sink.audit.Finding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarantineFindingsTest {

    @Test
    void everyQuarantinedPurposeIsANoteWithSinceByAndReason() {
        PurposeQuarantine q = new PurposeQuarantine("analytics", QuarantineState.QUARANTINED, "scrubber\nregression",
                "ops@example", Instant.parse("2026-12-05T22:00:00.123Z"), List.of());

        List<Finding> findings = QuarantineFindings.of(List.of(q));

        assertThat(findings).extracting(Finding::line).containsExactly("NOTE quarantine purpose analytics: quarantined"
                + " since 2026-12-05T22:00:00Z by ops@example (scrubber regression): its records wait in Kafka, none is"
                + " stored");
        assertThat(findings.get(0).isDrift()).as("a quarantine is stricter than the policy: exit 0").isFalse();
    }
}
