package dev.sieve.sink.subject;

import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import dev.sieve.schemas.pseudonym.RotatingPseudonyms;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.IdentifierRole;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every stored form of a subject's identifiers, table by table: the raw values in tables of raw purposes, and
 * in pseudonymous tables the purpose's pseudonyms under every key a stored row may have used. Those are the
 * keys whose epoch overlaps the last {@code max_retention} (no table keeps rows longer; ops cannot raise a
 * retention above it) up to the newest key, including keys provisioned for the future, because a device whose
 * clock runs ahead gets its events pseudonymized with a future epoch's key.
 *
 * <p>A column whose rule rotates its pseudonyms ({@code rotate}) holds pseudonyms under the purpose's live salts
 * (those of periods not yet destroyed, {@link RotatingSalts}); those are searched, so erasure and access work
 * within the live periods. Rows of a period whose salt is destroyed cannot be found by anyone: they are anonymous.
 * Pseudonyms under the purpose's key ring are searched too, for rows written before the rule rotated.
 *
 * <p>The key rings are asked for at every search ({@link KeyRings}): in the running sink they are re-read from
 * {@code keys.dir}, so a key added while it runs is searched too, and the writer re-reads them before it stores a
 * row whose key it does not know ({@code KeyEpochGuard}), so every stored row's key is searched.
 *
 * <p>A table without a subject or device column could not be searched by subject; the default policy gives
 * every table one (the advertising tables keep a device pseudonym for exactly this reason), and
 * {@code SinkTables}' erasure covers every table that has one.
 */
public final class SubjectIdentifiers {

    private final TableCatalog catalog;
    private final KeyRings keyRings;
    private final RotatingSalts salts;
    private final Clock clock;

    /** For policies without rotating pseudonyms. */
    public SubjectIdentifiers(TableCatalog catalog, Map<String, KeyRing> keyRings, Clock clock) {
        this(catalog, KeyRings.fixed(keyRings), RotatingSalts.none(), clock);
    }

    /** For fixed rings (commands, tests). */
    public SubjectIdentifiers(TableCatalog catalog, Map<String, KeyRing> keyRings, RotatingSalts salts,
            Clock clock) {
        this(catalog, KeyRings.fixed(keyRings), salts, clock);
    }

    /**
     * @param keyRings the purposes' key rings, asked for at every search ({@code ReloadingKeyRings} in the sink)
     * @param salts    the live salts of rotating pseudonyms ({@code KafkaSalts}: re-read, so new salts are seen)
     */
    public SubjectIdentifiers(TableCatalog catalog, KeyRings keyRings, RotatingSalts salts, Clock clock) {
        this.catalog = catalog;
        this.keyRings = keyRings;
        this.salts = salts;
        this.clock = clock;
    }

    /** The values to look for in each identifier column of the table; empty if the subject cannot be in it. */
    public Map<Column, Set<String>> forTable(TableLayout table, Subject subject) {
        Map<Column, Set<String>> out = new LinkedHashMap<>();
        for (Column c : table.identifierColumns()) {
            Optional<String> raw = subject.value(c.name());
            if (raw.isEmpty()) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            if (c.identifier() == IdentifierRole.RAW) {
                values.add(raw.get());
            } else {
                Optional<Rotation> rotation = table.purpose().family(table.family())
                        .flatMap(r -> r.rule(c.name())).flatMap(FieldRule::rotate);
                if (rotation.isPresent()) {
                    values.addAll(rotating(table.purpose().id(), rotation.get(), raw.get()));
                }
                KeyRing ring = rotation.isPresent() ? keyRings.current().get(table.purpose().id())
                        : ring(table.purpose().id());
                if (ring != null) {
                    for (PseudonymKey key : keysInRetention(ring)) {
                        values.add(ring.pseudonymize(raw.get(), key));
                    }
                }
            }
            out.put(c, values);
        }
        return out;
    }

    /** Every identifier form of the subject across all tables: what a legal hold must list. */
    public Set<String> everyForm(Subject subject) {
        Set<String> out = new LinkedHashSet<>(subject.raw());
        for (TableLayout t : catalog.tables()) {
            forTable(t, subject).values().forEach(out::addAll);
        }
        return out;
    }

    /** The tables whose identifier columns {@link #forTable} describes. */
    public TableCatalog catalog() {
        return catalog;
    }

    /** The value's pseudonyms under every live salt of the purpose's rotation. */
    private List<String> rotating(String purpose, Rotation rotation, String value) {
        RotatingPseudonyms pseudonyms = new RotatingPseudonyms(purpose, rotation);
        return salts.live(purpose).stream().map(salt -> pseudonyms.pseudonymize(value, salt)).toList();
    }

    private List<PseudonymKey> keysInRetention(KeyRing ring) {
        Instant now = clock.instant();
        return ring.keysBetween(now.minus(catalog.policy().maxRetention()), Instant.MAX);
    }

    private KeyRing ring(String purpose) {
        KeyRing ring = keyRings.current().get(purpose);
        if (ring == null) {
            throw new IllegalStateException("purpose " + purpose + " pseudonymizes but no key ring was loaded for it");
        }
        return ring;
    }
}
