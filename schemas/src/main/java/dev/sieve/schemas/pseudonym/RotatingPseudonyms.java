package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.policy.Rotation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pseudonyms of one purpose under rotating salts: {@code <period id>:<base64url(HMAC-SHA-256(salt, purpose NUL
 * value))>}, the format of {@link KeyRing} with the period as key id. The same value has one pseudonym within a
 * period and unrelated ones across periods; once a period's salt is destroyed nobody can recompute or link its
 * pseudonyms.
 *
 * <p>The period is the event's own, so a replay gives the same pseudonym while the salt lives. An event whose
 * period has no live salt (destroyed after its period and the overlap, or far in the future because the device
 * clock is wrong) uses the salt of the period current when it is processed, as {@link KeyRing} does for late
 * events. Without that salt either, {@link SaltUnavailableException}: never an unpseudonymized value.
 */
public final class RotatingPseudonyms {

    /** Rings kept for recent salts; old ones are dropped (a month-rotated purpose uses about two at a time). */
    private static final int MAX_CACHED = 16;

    private final String purpose;
    private final Rotation rotation;
    private final Map<PseudonymKey, KeyRing> rings = new ConcurrentHashMap<>();
    /**
     * The two periods last looked up: nearly every event falls in one of them (the event's period and, when that has
     * no salt, the current one), and naming a period costs a formatted string.
     */
    private volatile Recent recent;
    private volatile Recent previous;
    /** The salt last used and its ring: a live salt is one object until its store entry changes. */
    private volatile SaltRing last;

    private record Recent(Instant start, Instant end, String id) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    private record SaltRing(PseudonymKey salt, KeyRing ring) {}

    public RotatingPseudonyms(String purpose, Rotation rotation) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
    }

    public String purpose() {
        return purpose;
    }

    public Rotation rotation() {
        return rotation;
    }

    /** The pseudonym of {@code value} for an event that happened at {@code eventTime}, processed at {@code now}. */
    public String pseudonymize(String value, Instant eventTime, Instant now, RotatingSalts salts) {
        return pseudonymize(value, saltFor(eventTime, now, salts));
    }

    /** The salt {@link #pseudonymize(String, Instant, Instant, RotatingSalts)} uses. */
    public PseudonymKey saltFor(Instant eventTime, Instant now, RotatingSalts salts) {
        return salts.salt(purpose, periodId(eventTime)).orElseGet(() -> {
            String current = periodId(now);
            return salts.salt(purpose, current).orElseThrow(() -> new SaltUnavailableException(purpose, current));
        });
    }

    private String periodId(Instant t) {
        Recent r = recent;
        if (r != null && r.contains(t)) {
            return r.id();
        }
        Recent p = previous;
        if (p != null && p.contains(t)) {
            return p.id();
        }
        Rotation.Period period = rotation.periodOf(t);
        Recent found = new Recent(period.start(), period.end(), period.id());
        previous = r;
        recent = found;
        return found.id();
    }

    /** The pseudonym of {@code value} under one salt, for erasure and subject access. */
    public String pseudonymize(String value, PseudonymKey salt) {
        SaltRing l = last;
        if (l != null && l.salt() == salt) {
            return l.ring().pseudonymizeWithFirst(value);
        }
        KeyRing ring = rings.get(salt);
        if (ring == null) {
            if (rings.size() >= MAX_CACHED) {
                rings.clear();
            }
            ring = rings.computeIfAbsent(salt, s -> KeyRing.of(purpose, List.of(s)));
        }
        last = new SaltRing(salt, ring);
        return ring.pseudonymize(value, salt);
    }
}
