package dev.sieve.sdk;

import java.util.Objects;

/**
 * Whom a rights request is about: a subject (the account id the app sends as {@code subject_id}) or a device. A
 * person with both is two requests.
 */
public final class RightsSubject {

    final String field;
    final String id;

    private RightsSubject(String field, String id) {
        this.field = field;
        this.id = Objects.requireNonNull(id, field);
        if (id.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    public static RightsSubject subject(String subjectId) {
        return new RightsSubject("subject_id", subjectId);
    }

    public static RightsSubject device(String deviceId) {
        return new RightsSubject("device_id", deviceId);
    }

    /** Names the kind only: the id is personal data. */
    @Override
    public String toString() {
        return "RightsSubject[" + field + "]";
    }
}
