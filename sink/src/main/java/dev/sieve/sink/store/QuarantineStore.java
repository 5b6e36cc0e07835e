package dev.sieve.sink.store;

import java.util.Optional;

/** What quarantining a purpose changes in one region: who may read its tables, and the audit trail of it. */
public interface QuarantineStore {

    /**
     * Takes the purpose's readers' (analysts', the security team's) read access to its tables away.
     *
     * @throws StoreFailure when the store refused, e.g. the sink's user may not pass the grants on
     */
    void revokeReaders(String purpose);

    /** Gives the purpose's readers back what the policy grants them. */
    void grantReaders(String purpose);

    void record(QuarantineRecord record);

    /** The purpose's most recent record in this region. */
    Optional<QuarantineRecord> latest(String purpose);
}
