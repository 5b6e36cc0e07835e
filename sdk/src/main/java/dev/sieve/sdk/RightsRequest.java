package dev.sieve.sdk;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A subject-rights request as the collector reports it.
 *
 * @param id         the request's id, for {@link SieveRights#request} and {@link SieveRights#downloadExport}
 * @param kind       {@code consent}, {@code erasure} or {@code access}
 * @param status     {@code received}, {@code in_progress}, {@code done} or {@code failed}
 * @param verifiedBy who verified the person's identity, as the app stated it
 * @param receivedAt when the collector received it
 * @param dueAt      when it must be answered (the policy's response period after receipt)
 * @param updatedAt  when its status last changed
 * @param detail     what it waits for, what was done, or why it failed
 */
public record RightsRequest(String id, String kind, String status, String verifiedBy, Instant receivedAt,
        Instant dueAt, Instant updatedAt, Optional<String> detail) {

    public boolean isDone() {
        return status.equals("done");
    }

    public boolean isFailed() {
        return status.equals("failed");
    }

    static RightsRequest of(Map<?, ?> json) {
        return new RightsRequest(text(json, "id"), text(json, "kind"), text(json, "status"),
                text(json, "verified_by"), Instant.parse(text(json, "received_at")),
                Instant.parse(text(json, "due_at")), Instant.parse(text(json, "updated_at")),
                Optional.ofNullable((String) json.get("detail")));
    }

    private static String text(Map<?, ?> json, String field) {
        Object v = json.get(field);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("the collector's answer lacks " + field);
        }
        return s;
    }
}
