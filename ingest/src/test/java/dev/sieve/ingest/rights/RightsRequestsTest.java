package dev.sieve.ingest.rights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.control.RightsRequestKind;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The register in memory: which state of a request counts, what an app may see, what is overdue. */
class RightsRequestsTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    final MovableClock clock = new MovableClock(NOW);
    final RightsRequests register;

    RightsRequestsTest() throws Exception {
        // Nothing here publishes: received() and apply() stay in memory.
        register = new RightsRequests(null, new Topics(PolicyLoader.loadDefault()).rightsRequests(),
                Duration.ofDays(15), clock);
    }

    static RightsRequest in(RightsRequest r, RightsRequestStatus status, Instant updatedAt) {
        return RightsRequest.newBuilder(r).setStatus(status).setUpdatedAt(updatedAt).build();
    }

    @Test
    void aNewRequestIsReceivedNowAndDueAResponsePeriodLater() {
        RightsRequest r = register.received("notes", RightsRequestKind.ACCESS, "desk");
        assertThat(r.getStatus()).isEqualTo(RightsRequestStatus.RECEIVED);
        assertThat(r.getReceivedAt()).isEqualTo(NOW);
        assertThat(r.getDueAt()).isEqualTo(NOW.plus(Duration.ofDays(15)));
        assertThat(r.getRequestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void anOlderStateReadBackLaterDoesNotUndoANewerOne() {
        RightsRequest r = register.received("notes", RightsRequestKind.ERASURE, "desk");
        RightsRequest done = in(r, RightsRequestStatus.DONE, NOW.plusSeconds(2));
        register.apply(r.getRequestId(), done);
        register.apply(r.getRequestId(), in(r, RightsRequestStatus.IN_PROGRESS, NOW.plusSeconds(1)));
        assertThat(register.of("notes", r.getRequestId())).contains(done);

        register.apply(r.getRequestId(), null);
        assertThat(register.of("notes", r.getRequestId())).as("a tombstone forgets it").isEmpty();
    }

    @Test
    void anAppSeesOnlyItsOwnRequests() {
        RightsRequest r = register.received("notes", RightsRequestKind.CONSENT, "desk");
        register.apply(r.getRequestId(), r);
        assertThat(register.of("notes", r.getRequestId())).contains(r);
        assertThat(register.of("chat", r.getRequestId())).isEmpty();
    }

    @Test
    void onlyOpenRequestsPastTheirDueDateAreOverdue() {
        RightsRequest open = register.received("notes", RightsRequestKind.ERASURE, "desk");
        RightsRequest done = register.received("notes", RightsRequestKind.ERASURE, "desk");
        RightsRequest failed = register.received("notes", RightsRequestKind.ACCESS, "desk");
        register.apply(open.getRequestId(), in(open, RightsRequestStatus.IN_PROGRESS, NOW));
        register.apply(done.getRequestId(), in(done, RightsRequestStatus.DONE, NOW));
        register.apply(failed.getRequestId(), in(failed, RightsRequestStatus.FAILED, NOW));

        clock.set(open.getDueAt());
        assertThat(register.overdue(RightsRequestKind.ERASURE)).as("due now is not yet overdue").isZero();
        clock.set(open.getDueAt().plusMillis(1));
        assertThat(register.overdue(RightsRequestKind.ERASURE)).isEqualTo(1);
        assertThat(register.overdue(RightsRequestKind.ACCESS)).isZero();
        assertThat(register.open()).extracting(RightsRequest::getRequestId).containsExactly(open.getRequestId());
    }
}
