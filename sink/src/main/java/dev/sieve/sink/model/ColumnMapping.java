package dev.sieve.sink.model;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.policy.Action;
import dev.sieve.schemas.policy.IdentifierForm;
import dev.sieve.schemas.purpose.PurposeSchemas;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Chooses a column's ClickHouse type from what the policy's action made of the source field. */
final class ColumnMapping {

    /** The identifiers erasure requests and legal holds name; see {@code ErasureRequest}. */
    static final Set<String> SUBJECT_IDENTIFIERS = Set.of("subject_id", "device_id");

    private ColumnMapping() {}

    static Column column(Schema.Field field, ContractField source, IdentifierForm form) {
        Action action = Action.fromId(field.getProp(PurposeSchemas.PROP_ACTION)).orElseThrow(() ->
                new IllegalArgumentException("field " + field.name() + " has no action property"));
        Schema value = nonNull(field.schema());
        ColumnType type = type(value, source.kind(), action);
        boolean pseudonym = action == Action.PSEUDONYMIZE;
        IdentifierRole role = !SUBJECT_IDENTIFIERS.contains(field.name()) ? IdentifierRole.NONE
                : pseudonym ? IdentifierRole.PSEUDONYM
                : form == IdentifierForm.RAW && action == Action.KEEP ? IdentifierRole.RAW : IdentifierRole.NONE;
        return new Column(field.name(), type, source.optional() && type.canBeNull(), role, pseudonym,
                Optional.of(field.name()));
    }

    static ColumnType type(Schema value, FieldKind kind, Action action) {
        return switch (value.getType()) {
            case ARRAY -> ColumnType.ARRAY_STRING;
            case ENUM -> ColumnType.LOW_CARDINALITY_STRING;
            case INT -> ColumnType.INT32;
            case LONG -> value.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? ColumnType.DATETIME64 : ColumnType.INT64;
            case FLOAT -> ColumnType.FLOAT32;
            case DOUBLE -> ColumnType.FLOAT64;
            case BOOLEAN -> ColumnType.BOOL;
            case STRING -> stringType(kind, action);
            default -> throw new IllegalArgumentException("no ClickHouse column type for Avro " + value.getType());
        };
    }

    private static ColumnType stringType(FieldKind kind, Action action) {
        if (action == Action.PSEUDONYMIZE) {
            return ColumnType.STRING;
        }
        return switch (kind) {
            case IP_ADDRESS -> ColumnType.IPV6;
            case CATEGORY, VERSION -> ColumnType.LOW_CARDINALITY_STRING;
            default -> ColumnType.STRING;
        };
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
