package dev.sieve.anonymize.projection;

import dev.sieve.anonymize.action.Generalize;
import dev.sieve.anonymize.action.Pseudonymize;
import dev.sieve.anonymize.action.Pseudonymizers;
import dev.sieve.anonymize.action.TruncateIp;
import dev.sieve.anonymize.scrub.ScrubbedUrl;
import dev.sieve.anonymize.scrub.Scrubber;
import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.purpose.PurposeSchemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Object project(EventView event, Instant now);
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
            EventView.Position at = EventView.Position.of(rule.family(), source);
            projectors.add(projector(r, source, at, out.schema().getTypes().get(1), pseudonymizers, scrubber));
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

    private FieldProjector projector(FieldRule r, ContractField source, EventView.Position at, Schema outType,
            Pseudonymizers pseudonymizers, Scrubber scrubber) {
        return switch (r.action()) {
            case KEEP -> keep(at, outType);
            case PSEUDONYMIZE -> {
                Pseudonymize pseudonymize = pseudonymizers.forRule(r);
                yield (e, now) -> e.get(at) instanceof List<?> list
                        ? pseudonymize.apply(strings(list), e.eventTime(), now)
                        : pseudonymize.apply(text(e.get(at)), e.eventTime(), now);
            }
            case TRUNCATE_IP -> (e, now) -> TruncateIp.apply(text(e.get(at)), r.ipv4Prefix(), r.ipv6Prefix());
            case GENERALIZE -> generalize(r, source, at);
            // Scrubbed once per event: every purpose applying the same scrub to the field shares the result.
            case SCRUB_URL -> {
                List<Object> once = List.of(source.name(), r.action(), r.allowParams());
                // Taken apart and its path scrubbed once, whatever query parameters each purpose keeps.
                List<Object> base = List.of(source.name(), r.action());
                yield (e, now) -> e.derived(once, () -> {
                    ScrubbedUrl url = (ScrubbedUrl) e.derived(base, () -> scrubber.urlBase(text(e.get(at)),
                            e.identifierValues(), e.envelope().getAppId().toString()));
                    return url == null ? null : scrubber.url(url, r.allowParams(), e.identifierValues());
                });
            }
            case SCRUB_TEXT -> {
                List<Object> once = List.of(source.name(), r.action());
                yield (e, now) -> e.derived(once, () -> scrubber.text(text(e.get(at)), e.identifierValues()));
            }
            case DROP -> throw new IllegalArgumentException("dropped fields are not projected");
        };
    }

    /**
     * A kept value as generic records hold it, the conversion chosen once from the output type: times as epoch
     * millis, enums as symbols, text as {@link String}, lists of text as lists of {@link String}.
     */
    private static FieldProjector keep(EventView.Position at, Schema outType) {
        return switch (outType.getType()) {
            case LONG -> outType.getLogicalType() != null
                    ? (e, now) -> e.get(at) instanceof Instant t ? t.toEpochMilli() : null
                    : (e, now) -> e.get(at);
            case ENUM -> {
                Map<String, GenericData.EnumSymbol> symbols = new HashMap<>();
                outType.getEnumSymbols().forEach(name -> symbols.put(name, new GenericData.EnumSymbol(outType, name)));
                yield (e, now) -> e.get(at) instanceof Enum<?> v ? symbols.get(v.name()) : null;
            }
            case STRING -> (e, now) -> text(e.get(at));
            case ARRAY -> (e, now) -> e.get(at) instanceof List<?> list ? strings(list) : null;
            default -> (e, now) -> e.get(at);
        };
    }

    private static FieldProjector generalize(FieldRule r, ContractField source, EventView.Position at) {
        return switch (source.kind()) {
            case TIMESTAMP -> (e, now) -> e.get(at) instanceof Instant t
                    ? Generalize.time(t, r.granularity().orElseThrow()).toEpochMilli() : null;
            case NUMBER -> (e, now) -> {
                Object v = e.get(at);
                if (v instanceof Integer i) {
                    return (int) Generalize.number(i, r.bucket().orElseThrow());
                }
                return v instanceof Long l ? Generalize.number(l, r.bucket().orElseThrow()) : null;
            };
            case VERSION -> (e, now) -> e.get(at) == null ? null
                    : Generalize.version(text(e.get(at)), r.granularity().orElseThrow());
            default -> throw new IllegalArgumentException("cannot generalize a " + source.kind().id());
        };
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
