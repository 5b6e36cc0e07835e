package dev.sieve.cli.audit;

import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.schemas.policy.Durations;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Holds the rights requests apps filed through the collector ({@code sieve.control.rights-requests}, latest state of
 * each) against the policy's {@code response_period} (policy 5.4): a request still received or in progress after its
 * due date is a privacy finding, naming the request, its kind and app, never the subject (the register holds none).
 */
final class RightsAudit {

    /** The scope of rights findings. */
    static final String RIGHTS = "rights";

    private RightsAudit() {}

    static List<Finding> check(Collection<RightsRequest> latest, Duration responsePeriod, Instant now) {
        List<Finding> out = new ArrayList<>();
        latest.stream().filter(r -> open(r) && r.getDueAt().isBefore(now))
                .sorted(Comparator.comparing(RightsRequest::getDueAt))
                .forEach(r -> out.add(Finding.of(Severity.PRIVACY, RIGHTS, "request " + r.getRequestId() + " ("
                        + r.getKind().name().toLowerCase(Locale.ROOT) + ", app " + r.getAppId() + ")",
                        "overdue: not answered by its due date",
                        r.getStatus().name().toLowerCase(Locale.ROOT) + ", due "
                                + r.getDueAt().truncatedTo(ChronoUnit.SECONDS),
                        "answered within " + Durations.format(responsePeriod))));
        return out;
    }

    private static boolean open(RightsRequest r) {
        return r.getStatus() == RightsRequestStatus.RECEIVED || r.getStatus() == RightsRequestStatus.IN_PROGRESS;
    }
}
