package dev.sieve.cli.audit;

import dev.sieve.cli.SieveCli;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.KAnonymityMeasure;
import dev.sieve.sink.audit.Severity;
import dev.sieve.sink.audit.Unchecked;
import java.util.ArrayList;
import java.util.List;

/**
 * Every finding of one audit, grouped by scope in the order the scopes were audited (regions in policy order,
 * then Kafka), every check that could not run, and the k-anonymity measured of each non-raw table (a table below
 * its minimum is also a privacy finding).
 */
public record AuditReport(List<Finding> findings, List<Unchecked> unchecked, List<KAnonymityMeasure> kAnonymity) {

    public AuditReport {
        findings = List.copyOf(findings);
        unchecked = List.copyOf(unchecked);
        kAnonymity = List.copyOf(kAnonymity);
    }

    /** A report that measured no k-anonymity. */
    public AuditReport(List<Finding> findings, List<Unchecked> unchecked) {
        this(findings, unchecked, List.of());
    }

    /** This report with more findings, of a scope audited after the others. */
    public AuditReport with(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new AuditReport(all, unchecked, kAnonymity);
    }

    public long drifts() {
        return findings.stream().filter(Finding::isDrift).count();
    }

    public long privacyDrifts() {
        return findings.stream().filter(f -> f.severity() == Severity.PRIVACY).count();
    }

    public long notes() {
        return findings.size() - drifts();
    }

    /** {@value SieveCli#FAILED} on any drift. A check that could not run is reported, but is no drift. */
    public int exitCode() {
        return drifts() > 0 ? SieveCli.FAILED : SieveCli.OK;
    }

    /** {@code 3 drifts (2 privacy), 1 note; not checked: grants in cn-north}. */
    public String summary() {
        String s = count(drifts(), "drift") + " (" + privacyDrifts() + " privacy), " + count(notes(), "note");
        if (!unchecked.isEmpty()) {
            s += "; not checked: " + String.join(", ", unchecked.stream()
                    .map(u -> u.check() + " in " + u.scope()).toList());
        }
        return s;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
