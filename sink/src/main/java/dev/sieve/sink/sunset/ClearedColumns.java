package dev.sieve.sink.sunset;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The columns {@code sieve sunset --anonymize} clears, decided by what the source field's value is (its
 * {@code kind} in the event schemas): values that point at someone or something, identifiers (subject, device,
 * advertising and event ids, raw or pseudonymized), IP addresses, URLs, free text and lists (peer accounts
 * are identifiers; the list of other software a device runs is a fingerprint). What aggregates are made of stays:
 * categories, versions, numbers and times. With no identifier and no pseudonym left, no two rows can be linked to
 * each other or to a person, which is what anonymous means here.
 *
 * <p>A cleared column gets its type's empty value ({@link dev.sieve.sink.store.SunsetStore#clear}).
 */
final class ClearedColumns {

    static final Set<FieldKind> CLEARED_KINDS = EnumSet.of(FieldKind.IDENTIFIER, FieldKind.IP_ADDRESS, FieldKind.URL,
            FieldKind.TEXT, FieldKind.STRING_LIST);

    private ClearedColumns() {}

    /** The table's columns to clear, in table order; the sink's own {@code _ingested_at} is never one. */
    static List<Column> of(TableLayout table) {
        return table.columns().stream().filter(c -> c.field().isPresent()).filter(c -> {
            ContractField source = table.family().fields().get(c.field().get());
            return source != null && CLEARED_KINDS.contains(source.kind());
        }).toList();
    }
}
