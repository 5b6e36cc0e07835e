package dev.sieve.schemas.purpose;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.policy.Action;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Purpose;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * The record layout of one purpose's view of one family, derived from the policy: one field per rule that
 * keeps something, in policy order, typed by what the action produces. Every field is optional (null when the
 * event had no value), so adding or removing a rule changes the layout compatibly.
 *
 * <p>Record name: {@code dev.sieve.purpose.<purpose>_<family>}. Each field carries the properties
 * {@code "action"} (the rule's action) and {@code "privacy"} (the source field's class), which the sink
 * reads to choose column types and to find identifier columns.
 */
public final class PurposeSchemas {

    public static final String NAMESPACE = "dev.sieve.purpose";
    public static final String PROP_ACTION = "action";
    public static final String PROP_PRIVACY = "privacy";
    public static final String PROP_KIND = "kind";

    private PurposeSchemas() {}

    public static Schema of(Purpose purpose, FamilyRule rule) {
        List<Schema.Field> fields = new ArrayList<>();
        for (FieldRule r : rule.fields().values()) {
            if (r.action() == Action.DROP) {
                continue;
            }
            ContractField source = rule.family().fields().get(r.field());
            Schema.Field f = new Schema.Field(r.field(), Schema.createUnion(Schema.create(Schema.Type.NULL),
                    outputType(source, r)), source.doc(), JsonProperties.NULL_VALUE);
            f.addProp(PROP_ACTION, r.action().id());
            f.addProp(PROP_PRIVACY, source.privacy().id());
            f.addProp(PROP_KIND, source.kind().id());
            fields.add(f);
        }
        return Schema.createRecord(purpose.tableName(rule.family()), purpose.description(), NAMESPACE, false, fields);
    }

    /** What an action turns a field into. */
    static Schema outputType(ContractField source, FieldRule rule) {
        return switch (rule.action()) {
            case KEEP -> source.type();
            case PSEUDONYMIZE -> source.kind() == FieldKind.STRING_LIST ? Schema.createArray(string()) : string();
            case GENERALIZE -> switch (source.kind()) {
                case TIMESTAMP -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
                case NUMBER -> Schema.create(source.type().getType());
                default -> string();
            };
            case TRUNCATE_IP, SCRUB_URL, SCRUB_TEXT -> string();
            case DROP -> throw new IllegalArgumentException("dropped fields have no output type");
        };
    }

    /** A string that generic readers return as {@link String}, like the generated classes do, not as Utf8. */
    private static Schema string() {
        Schema s = Schema.create(Schema.Type.STRING);
        GenericData.setStringType(s, GenericData.StringType.String);
        return s;
    }
}
