package dev.sieve.sink.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Legal holds in one region. A held form of an identifier keeps every row carrying it from the retention and from
 * erasure: the store enforces it in the statements that delete.
 */
public interface HoldStore {

    /** Records the hold and the identifier forms it covers. */
    void place(Hold hold, Set<String> forms);

    /** Removes every hold under the id and the forms they covered. */
    void remove(String holdId);

    /** The holds in force, oldest first; only the one with this id when given. */
    List<Hold> list(Optional<String> holdId);

    /** The identifier forms the hold covers. */
    Set<String> forms(String holdId);

    /** Adds forms to a hold in force (new key epochs, new salts). */
    void addForms(String holdId, Set<String> forms);

    /** Audits a hold's {@code placed} or {@code lifted} event. */
    void record(String holdId, String event, String actor, Instant at, String reason);
}
