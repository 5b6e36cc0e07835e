package dev.sieve.cli.audit;

import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.Severity;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * Lists every quarantined purpose (latest state on {@code sieve.control.quarantine}) as a note: stricter than the
 * policy, so it does not fail the audit, but nothing of the purpose is stored until it is released. Whether its
 * readers' grants are gone is the store audit's part: grants still held are privacy drift.
 */
final class QuarantineFindings {

    /** The scope of quarantine findings. */
    static final String QUARANTINE = "quarantine";

    private QuarantineFindings() {}

    static List<Finding> of(Collection<PurposeQuarantine> quarantined) {
        return quarantined.stream().map(q -> Finding.of(Severity.NOTE, QUARANTINE, "purpose " + q.getPurpose(),
                "quarantined since " + q.getChangedAt().truncatedTo(ChronoUnit.SECONDS) + " by " + q.getChangedBy()
                        + " (" + q.getReason().replaceAll("\\p{Cntrl}+", " ") + "): its records wait in Kafka, none"
                        + " is stored")).toList();
    }
}
