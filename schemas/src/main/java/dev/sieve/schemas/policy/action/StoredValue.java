package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.FieldKind;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * What a field action stores of one field: the value's Avro type in the purpose record and what kind of value it
 * is. A store picks its column type from these and the action's {@link StoredForm}, not from the action's name, so an
 * action that makes, say, an IP prefix is stored like every other IP address.
 *
 * @param type the Avro type of the value (not nullable: the purpose record makes every field optional)
 * @param kind what the stored value is, e.g. {@link FieldKind#IP_ADDRESS} for a truncated address
 */
public record StoredValue(Schema type, FieldKind kind) {

    public StoredValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
    }

    /** A string; generic readers return it as {@link String}, like the generated classes do, not as Utf8. */
    public static StoredValue text(FieldKind kind) {
        Schema s = Schema.create(Schema.Type.STRING);
        GenericData.setStringType(s, GenericData.StringType.String);
        return new StoredValue(s, kind);
    }
}
