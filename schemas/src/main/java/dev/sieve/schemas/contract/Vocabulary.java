package dev.sieve.schemas.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An enum whose constants are spelled in schemas and the policy file by a lower-case id. */
public interface Vocabulary {

    /** The word used in schemas, the policy file, topics and tables. */
    String id();

    /** The constant spelled {@code id}, if any. */
    static <E extends Enum<E> & Vocabulary> Optional<E> parse(Class<E> type, String id) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.id().equals(id)).findFirst();
    }

    /** Every id in declaration order, for messages that list what is allowed. */
    static <E extends Enum<E> & Vocabulary> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Vocabulary::id).toList();
    }
}
