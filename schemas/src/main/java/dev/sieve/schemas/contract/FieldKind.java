package dev.sieve.schemas.contract;

import java.util.Optional;

/**
 * What a field's value is, beyond its Avro type. Decides which privacy actions make sense for it:
 * {@code truncate_ip} needs an {@link #IP_ADDRESS}, {@code scrub_url} a {@link #URL}, and so on.
 */
public enum FieldKind implements Vocabulary {
    IDENTIFIER("identifier"),
    IP_ADDRESS("ip_address"),
    URL("url"),
    TEXT("text"),
    TIMESTAMP("timestamp"),
    NUMBER("number"),
    CATEGORY("category"),
    VERSION("version"),
    STRING_LIST("string_list");

    private final String id;

    FieldKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static Optional<FieldKind> fromId(String id) {
        return Vocabulary.parse(FieldKind.class, id);
    }
}
