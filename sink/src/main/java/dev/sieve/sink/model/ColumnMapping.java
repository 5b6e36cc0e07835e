package dev.sieve.sink.model;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.IdentifierForm;
import dev.sieve.schemas.policy.action.StoredForm;
import dev.sieve.schemas.policy.action.StoredValue;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Chooses a column's ClickHouse type from what the policy's action stores of the source field
 * ({@link StoredValue}, {@link StoredForm}), never from the action's name: a new action needs no change here.
 */
final class ColumnMapping {

    /** The identifiers erasure requests and legal holds name; see {@code ErasureRequest}. */
    static final Set<String> SUBJECT_IDENTIFIERS = Set.of("subject_id", "device_id");

    private ColumnMapping() {}

    static Column column(FieldRule rule, ContractField source, IdentifierForm form) {
        StoredValue stored = rule.action().output(source).orElseThrow(() ->
                new IllegalArgumentException("field " + rule.field() + " is not stored"));
        StoredForm storedForm = rule.action().type().form();
        ColumnType type = type(stored);
        boolean pseudonym = storedForm == StoredForm.PSEUDONYM;
        IdentifierRole role = !SUBJECT_IDENTIFIERS.contains(rule.field()) ? IdentifierRole.NONE
                : pseudonym ? IdentifierRole.PSEUDONYM
                : form == IdentifierForm.RAW && storedForm == StoredForm.AS_COLLECTED ? IdentifierRole.RAW
                : IdentifierRole.NONE;
        return new Column(rule.field(), type, source.optional() && type.canBeNull(), role, pseudonym,
                Optional.of(rule.field()));
    }

    static ColumnType type(StoredValue stored) {
        Schema value = stored.type();
        return switch (value.getType()) {
            case ARRAY -> ColumnType.ARRAY_STRING;
            case ENUM -> ColumnType.LOW_CARDINALITY_STRING;
            case INT -> ColumnType.INT32;
            case LONG -> value.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? ColumnType.DATETIME64 : ColumnType.INT64;
            case FLOAT -> ColumnType.FLOAT32;
            case DOUBLE -> ColumnType.FLOAT64;
            case BOOLEAN -> ColumnType.BOOL;
            case STRING -> stringType(stored.kind());
            default -> throw new IllegalArgumentException("no ClickHouse column type for Avro " + value.getType());
        };
    }

    /** Pseudonyms are {@link FieldKind#IDENTIFIER}s whatever they were made of, so they stay plain strings. */
    private static ColumnType stringType(FieldKind kind) {
        return switch (kind) {
            case IP_ADDRESS -> ColumnType.IPV6;
            case CATEGORY, VERSION -> ColumnType.LOW_CARDINALITY_STRING;
            case IDENTIFIER, URL, TEXT, TIMESTAMP, NUMBER, STRING_LIST -> ColumnType.STRING;
        };
    }
}
