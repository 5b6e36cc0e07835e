package dev.sieve.anonymize.projection;

import dev.sieve.anonymize.action.Generalize;
import dev.sieve.anonymize.action.Pseudonymize;
import dev.sieve.anonymize.action.Pseudonymizers;
import dev.sieve.anonymize.action.TruncateIp;
import dev.sieve.anonymize.scrub.Scrubber;
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
 * One purpose's view of one family: applies each field rule of the policy and nothing else. The output has
 * exactly the fields {@link PurposeSchemas} derives; a field the policy does not keep cannot appear, because
 * there is no place for it.
 */
public final class PurposeProjection {

    /** Computes one output field from an event. */
    @FunctionalInterface
    interface FieldProjector {
        Object project(EventView event, List<String> identifiers, Instant now);
    }

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
            projectors.add(projector(r, source, out.schema().getTypes().get(1), pseudonymizers, scrubber));
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
        List<String> identifiers = event.identifierValues();
        for (int i = 0; i < projectors.size(); i++) {
            out.put(i, projectors.get(i).project(event, identifiers, now));
        }
        return out;
    }

    private FieldProjector projector(FieldRule r, ContractField source, Schema outType,
            Pseudonymizers pseudonymizers, Scrubber scrubber) {
        return switch (r.action()) {
            case KEEP -> (e, ids, now) -> generic(e.get(source), outType);
            case PSEUDONYMIZE -> {
                Pseudonymize pseudonymize = pseudonymizers.forRule(r);
                yield (e, ids, now) -> e.get(source) instanceof List<?> list
                        ? pseudonymize.apply(strings(list), e.eventTime(), now)
                        : pseudonymize.apply(text(e.get(source)), e.eventTime(), now);
            }
            case TRUNCATE_IP -> (e, ids, now) -> TruncateIp.apply(text(e.get(source)), r.ipv4Prefix(), r.ipv6Prefix());
            case GENERALIZE -> generalize(r, source);
            // Scrubbed once per event: every purpose applying the same scrub to the field shares the result.
            case SCRUB_URL -> {
                List<Object> once = List.of(source.name(), r.action(), r.allowParams());
                yield (e, ids, now) -> e.derived(once, () -> scrubber.url(text(e.get(source)), r.allowParams(), ids,
                        e.envelope().getAppId().toString()));
            }
            case SCRUB_TEXT -> {
                List<Object> once = List.of(source.name(), r.action());
                yield (e, ids, now) -> e.derived(once, () -> scrubber.text(text(e.get(source)), ids));
            }
            case DROP -> throw new IllegalArgumentException("dropped fields are not projected");
        };
    }

    private static FieldProjector generalize(FieldRule r, ContractField source) {
        return switch (source.kind()) {
            case TIMESTAMP -> (e, ids, now) -> e.get(source) instanceof Instant t
                    ? Generalize.time(t, r.granularity().orElseThrow()).toEpochMilli() : null;
            case NUMBER -> (e, ids, now) -> {
                Object v = e.get(source);
                if (v instanceof Integer i) {
                    return (int) Generalize.number(i, r.bucket().orElseThrow());
                }
                return v instanceof Long l ? Generalize.number(l, r.bucket().orElseThrow()) : null;
            };
            case VERSION -> (e, ids, now) -> e.get(source) == null ? null
                    : Generalize.version(text(e.get(source)), r.granularity().orElseThrow());
            default -> throw new IllegalArgumentException("cannot generalize a " + source.kind().id());
        };
    }

    /** Specific-record values as generic records hold them: times as epoch millis, enums as symbols. */
    private static Object generic(Object value, Schema outType) {
        if (value instanceof Instant t) {
            return t.toEpochMilli();
        }
        if (value instanceof Enum<?> e) {
            return new GenericData.EnumSymbol(outType, e.name());
        }
        if (value instanceof List<?> list) {
            return strings(list);
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        return value;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> strings(List<?> list) {
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(o == null ? null : o.toString());
        }
        return out;
    }
}
