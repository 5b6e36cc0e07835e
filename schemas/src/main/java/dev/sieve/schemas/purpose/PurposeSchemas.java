package dev.sieve.schemas.purpose;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.action.FieldAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * The record layout of one purpose's view of one family, derived from the policy: one field per rule that
 * keeps something, in policy order, typed by what the action stores ({@link FieldAction#output}). Every field is optional (null when the
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
            ContractField source = rule.family().fields().get(r.field());
            r.action().output(source).ifPresent(stored -> {
                Schema.Field f = new Schema.Field(r.field(), Schema.createUnion(Schema.create(Schema.Type.NULL),
                        stored.type()), source.doc(), JsonProperties.NULL_VALUE);
                f.addProp(PROP_ACTION, r.action().type().id());
                f.addProp(PROP_PRIVACY, source.privacy().id());
                f.addProp(PROP_KIND, source.kind().id());
                fields.add(f);
            });
        }
        return Schema.createRecord(purpose.tableName(rule.family()), purpose.description(), NAMESPACE, false, fields);
    }
}
