package dev.sieve.anonymize.projection;

import dev.sieve.anonymize.action.Pseudonymizers;
import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.purpose.PurposeSchemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One purpose's view of one family: applies each field rule of the policy, by its action's {@link Appliers applier},
 * and nothing else. The output has exactly the fields {@link PurposeSchemas} derives; a field the policy does not
 * keep cannot appear, because there is no place for it.
 */
public final class PurposeProjection {

    private final Purpose purpose;
    private final Schema schema;
    private final List<FieldProjector> projectors = new ArrayList<>();

    /**
     * @param pseudonymizers the purpose's pseudonymizers
     * @param scrubber       the policy's scrubber, for {@code scrub_text} and {@code scrub_url}
     */
    public PurposeProjection(Purpose purpose, FamilyRule rule, Pseudonymizers pseudonymizers, Scrubber scrubber) {
        this.purpose = purpose;
        this.schema = PurposeSchemas.of(purpose, rule);
        for (Schema.Field out : schema.getFields()) {
            FieldRule r = rule.fields().get(out.name());
            ContractField source = rule.family().fields().get(out.name());
            EventView.Position at = EventView.Position.of(rule.family(), source);
            projectors.add(Appliers.projector(r.action(), new Appliers.Site(source, at, out.schema().getTypes().get(1),
                    pseudonymizers, scrubber)));
        }
    }

    public Purpose purpose() {
        return purpose;
    }

    public Schema schema() {
        return schema;
    }

    /** The purpose's view of {@code event}, processed at {@code now}. */
    public GenericRecord project(EventView event, Instant now) {
        GenericData.Record out = new GenericData.Record(schema);
        for (int i = 0; i < projectors.size(); i++) {
            out.put(i, projectors.get(i).project(event, now));
        }
        return out;
    }
}
