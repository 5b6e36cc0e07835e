package dev.sieve.ingest.auth;

import dev.sieve.schemas.control.AppRevocation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apps whose keys are revoked, as {@code sieve sunset} recorded them on {@code sieve.control.app-revocations}: their
 * ingest and server keys are refused (401) although the configuration still lists them. A tombstone (an operator
 * undoing a mistaken revocation) makes the keys valid again.
 */
public final class RevokedApps {

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    /** Takes a record of the revocation topic, keyed by app id. */
    public void apply(String app, AppRevocation revocation) {
        if (revocation == null) {
            revoked.remove(app);
        } else {
            revoked.add(app);
        }
    }

    public boolean isRevoked(String app) {
        return revoked.contains(app);
    }
}
