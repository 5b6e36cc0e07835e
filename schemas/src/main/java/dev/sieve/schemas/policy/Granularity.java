package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.FieldKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Targets of {@code generalize} for timestamps ({@code hour}, {@code day}, {@code month}) and versions. */
public enum Granularity {
    HOUR("hour", FieldKind.TIMESTAMP),
    DAY("day", FieldKind.TIMESTAMP),
    MONTH("month", FieldKind.TIMESTAMP),
    MAJOR("major", FieldKind.VERSION),
    MINOR("minor", FieldKind.VERSION);

    private final String id;
    private final FieldKind kind;

    Granularity(String id, FieldKind kind) {
        this.id = id;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public FieldKind kind() {
        return kind;
    }

    public static List<String> idsFor(FieldKind kind) {
        return Arrays.stream(values()).filter(g -> g.kind == kind).map(Granularity::id).toList();
    }

    public static Optional<Granularity> fromId(String id, FieldKind kind) {
        return Arrays.stream(values()).filter(g -> g.kind == kind && g.id.equals(id)).findFirst();
    }
}
