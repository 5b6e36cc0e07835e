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
    /** The period last looked up: nearly every event falls in it, and naming a period costs a formatted string. */
    private volatile Recent recent;

    private record Recent(Instant start, Instant end, String id) {}

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
        if (r == null || t.isBefore(r.start()) || !t.isBefore(r.end())) {
            Rotation.Period p = rotation.periodOf(t);
            r = new Recent(p.start(), p.end(), p.id());
            recent = r;
        }
        return r.id();
    }

    /** The pseudonym of {@code value} under one salt, for erasure and subject access. */
    public String pseudonymize(String value, PseudonymKey salt) {
        KeyRing ring = rings.get(salt);
        if (ring == null) {
            if (rings.size() >= MAX_CACHED) {
                rings.clear();
            }
            ring = rings.computeIfAbsent(salt, s -> KeyRing.of(purpose, List.of(s)));
        }
        return ring.pseudonymize(value, salt);
    }
}
