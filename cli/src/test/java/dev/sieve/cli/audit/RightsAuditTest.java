package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.control.RightsRequestKind;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.sink.audit.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RightsAuditTest {

    static final Instant NOW = Instant.parse("2026-12-20T12:00:00Z");

    static RightsRequest request(String id, RightsRequestKind kind, RightsRequestStatus status, Instant due) {
        return RightsRequest.newBuilder().setRequestId(id).setAppId("notes").setKind(kind).setStatus(status)
                .setVerifiedBy("support-desk").setReceivedAt(due.minus(Duration.ofDays(15))).setDueAt(due)
                .setUpdatedAt(due.minus(Duration.ofDays(15))).build();
    }

    @Test
    void openRequestsPastTheirDueDateArePrivacyDriftNamingTheRequestNotTheSubject() {
        List<RightsRequest> register = List.of(
                request("late-erasure", RightsRequestKind.ERASURE, RightsRequestStatus.IN_PROGRESS,
                        NOW.minusSeconds(3600)),
                request("late-access", RightsRequestKind.ACCESS, RightsRequestStatus.RECEIVED,
                        NOW.minus(Duration.ofDays(2))),
                request("late-but-done", RightsRequestKind.ERASURE, RightsRequestStatus.DONE, NOW.minusSeconds(1)),
                request("late-but-failed", RightsRequestKind.ACCESS, RightsRequestStatus.FAILED, NOW.minusSeconds(1)),
                request("not-yet-due", RightsRequestKind.ERASURE, RightsRequestStatus.IN_PROGRESS,
                        NOW.plusSeconds(1)));

        assertThat(RightsAudit.check(register, Duration.ofDays(15), NOW)).extracting(Finding::line).containsExactly(
                "DRIFT privacy rights request late-access (access, app notes): overdue: not answered by its due date:"
                        + " live received, due 2026-12-18T12:00:00Z, policy answered within 15d",
                "DRIFT privacy rights request late-erasure (erasure, app notes): overdue: not answered by its due"
                        + " date: live in_progress, due 2026-12-20T11:00:00Z, policy answered within 15d");
    }

    @Test
    void noOverdueRequestNoFinding() {
        assertThat(RightsAudit.check(List.of(request("r", RightsRequestKind.CONSENT, RightsRequestStatus.DONE,
                NOW.minusSeconds(1))), Duration.ofDays(15), NOW)).isEmpty();
    }
}
