package dev.sieve.schemas.pseudonym;

/**
 * No salt exists for the period a rotating pseudonym needs. Never carries the value being pseudonymized: the
 * event is held back (dead-lettered) rather than let through with an unpseudonymized identifier.
 */
public final class SaltUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SaltUnavailableException(String purpose, String periodId) {
        super("no salt for period " + periodId + " of purpose " + purpose + ": the salt keeper (run by the anonymize"
                + " stage) creates each period's salt ahead of it; is it running and can it write the salt topic?");
    }
}
