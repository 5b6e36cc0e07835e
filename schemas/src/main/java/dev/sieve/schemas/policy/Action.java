package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.Vocabulary;
import dev.sieve.schemas.contract.FieldKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The vocabulary of the policy: what may happen to a field on its way into one purpose. */
public enum Action implements Vocabulary {
    KEEP("keep", EnumSet.allOf(FieldKind.class)),
    DROP("drop", EnumSet.allOf(FieldKind.class)),
    /** Keyed HMAC-SHA-256 with a purpose-scoped key, so pseudonyms never link across purposes. */
    PSEUDONYMIZE("pseudonymize", EnumSet.of(FieldKind.IDENTIFIER, FieldKind.IP_ADDRESS, FieldKind.STRING_LIST)),
    /** Keep the network prefix only: IPv4 /24 and IPv6 /48 unless the rule says otherwise. */
    TRUNCATE_IP("truncate_ip", EnumSet.of(FieldKind.IP_ADDRESS)),
    /** Coarser value: timestamps to an hour or day, numbers to buckets, versions to major or minor. */
    GENERALIZE("generalize", EnumSet.of(FieldKind.TIMESTAMP, FieldKind.NUMBER, FieldKind.VERSION)),
    /**
     * Strip credentials, query and fragment, keeping only allow-listed query parameters; replace identifying path
     * segments (or report the app's matching route template).
     */
    SCRUB_URL("scrub_url", EnumSet.of(FieldKind.URL)),
    /** Remove what identifies people from free text (recognizers with validators, in module anonymize). */
    SCRUB_TEXT("scrub_text", EnumSet.of(FieldKind.TEXT));

    private final String id;
    private final Set<FieldKind> validKinds;

    Action(String id, Set<FieldKind> validKinds) {
        this.id = id;
        this.validKinds = validKinds;
    }

    @Override
    public String id() {
        return id;
    }

    public boolean isValidFor(FieldKind kind) {
        return validKinds.contains(kind);
    }

    /** Ids of the actions that make sense for a field of this kind, in declaration order. */
    public static List<String> validIdsFor(FieldKind kind) {
        return Arrays.stream(values()).filter(a -> a.isValidFor(kind)).map(Action::id).toList();
    }

    public static List<String> ids() {
        return Vocabulary.ids(Action.class);
    }

    public static Optional<Action> fromId(String id) {
        return Vocabulary.parse(Action.class, id);
    }
}
