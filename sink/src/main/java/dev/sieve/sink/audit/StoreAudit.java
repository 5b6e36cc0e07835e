package dev.sieve.sink.audit;

import java.util.List;

/**
 * What the audit of one region's store found: its tables, columns, retention and grants held against the policy,
 * and the k-anonymity of every non-raw table. A table below its minimum k is both measured and a privacy finding.
 *
 * @param findings   in the order they were checked: tables, then k-anonymity, then grants
 * @param unchecked  the checks that could not run, said so that a partial audit never reads as a clean one
 * @param kAnonymity the measure of each non-raw table, in policy order
 */
public record StoreAudit(List<Finding> findings, List<Unchecked> unchecked, List<KAnonymityMeasure> kAnonymity) {

    public StoreAudit {
        findings = List.copyOf(findings);
        unchecked = List.copyOf(unchecked);
        kAnonymity = List.copyOf(kAnonymity);
    }
}
