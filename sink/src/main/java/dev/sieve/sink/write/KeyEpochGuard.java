package dev.sieve.sink.write;

import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.IdentifierRole;
import dev.sieve.sink.model.TableLayout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;

/**
 * Refuses to store a row the sink could not erase: one whose subject or device pseudonym was made with a key the
 * sink's key rings do not hold. Erasure, legal holds and export find a subject's rows by computing its pseudonyms
 * under every key the sink knows, so a row under any other key would stay behind every erasure, silently.
 *
 * <p>Keys are added while the pipeline runs (rotation), and anonymize may start using one before the sink has read
 * it. So an unknown key id first makes the sink read its keys again ({@link KeyRings#reread()}); only if the key is
 * still missing is the row refused, with {@link UnknownKeyEpochException}, which stops the writer before the batch
 * is committed: the batch is stored once the sink has the key, never without it.
 *
 * <p>Columns whose pseudonyms rotate are not checked: their prefix is a period, and their salts come from the salt
 * topic the sink re-reads. A value that is not a pseudonym at all is left to the table's CHECK constraint, which
 * makes it a dead letter.
 */
final class KeyEpochGuard {

    private static final Pattern PSEUDONYM = Pattern.compile(Column.PSEUDONYM_REGEX);

    private final KeyRings keys;
    private final Map<String, List<String>> checkedFields = new HashMap<>();
    /** The key ids of each purpose in {@link #ringsSeen}. */
    private Map<String, Set<String>> known = Map.of();
    private Map<String, KeyRing> ringsSeen;

    KeyEpochGuard(KeyRings keys) {
        this.keys = keys;
    }

    /** @throws UnknownKeyEpochException if a pseudonym of the row is under a key the sink does not have */
    void check(TableLayout table, GenericRecord value) {
        String purpose = table.purpose().id();
        for (String field : checkedFields.computeIfAbsent(table.name(), t -> fields(table))) {
            Object pseudonym = value.get(field);
            if (pseudonym == null) {
                continue;
            }
            String text = pseudonym.toString();
            int colon = text.indexOf(':');
            // Nearly every row is under a key the sink has: that needs no pattern. A value with a known key id but
            // not a pseudonym's shape is the table's CHECK constraint's to refuse, as any other non-pseudonym.
            if (colon > 0 && keyIds(keys.current(), purpose).contains(text.substring(0, colon))) {
                continue;
            }
            if (!PSEUDONYM.matcher(text).matches()) {
                continue;
            }
            String keyId = text.substring(0, colon);
            if (!keyIds(keys.reread(), purpose).contains(keyId)) {
                throw new UnknownKeyEpochException(table.name(), purpose, keyId);
            }
        }
    }

    /** The ids of the purpose's keys in {@code rings}; the index is rebuilt when the rings change. */
    private Set<String> keyIds(Map<String, KeyRing> rings, String purpose) {
        if (rings != ringsSeen) {
            Map<String, Set<String>> ids = new HashMap<>();
            rings.forEach((p, ring) -> ring.keys().forEach(k -> ids.computeIfAbsent(p, x -> new HashSet<>())
                    .add(k.id())));
            known = ids;
            ringsSeen = rings;
        }
        return known.getOrDefault(purpose, Set.of());
    }

    /** The subject and device pseudonym fields of the table whose pseudonyms do not rotate. */
    private static List<String> fields(TableLayout table) {
        return table.identifierColumns().stream()
                .filter(c -> c.identifier() == IdentifierRole.PSEUDONYM)
                .filter(c -> table.purpose().family(table.family()).flatMap(r -> r.rule(c.name()))
                        .flatMap(FieldRule::rotate).isEmpty())
                .map(Column::field).flatMap(Optional::stream)
                .toList();
    }
}
