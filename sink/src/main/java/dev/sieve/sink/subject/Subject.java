package dev.sieve.sink.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whose data an erasure, a legal hold or an export is about: a subject (account) id, a device id, or both, never
 * neither. The values are identifiers: nothing logs or quotes them.
 */
public record Subject(Optional<String> subjectId, Optional<String> deviceId) {
    public Subject {
        if (subjectId.isEmpty() && deviceId.isEmpty()) {
            throw new IllegalArgumentException("a subject needs a subject id or a device id");
        }
    }

    Optional<String> value(String column) {
        return switch (column) {
            case "subject_id" -> subjectId;
            case "device_id" -> deviceId;
            default -> Optional.empty();
        };
    }

    /** The raw identifiers, for comparing with held ones. */
    public List<String> raw() {
        List<String> out = new ArrayList<>();
        subjectId.ifPresent(out::add);
        deviceId.ifPresent(out::add);
        return out;
    }
}
