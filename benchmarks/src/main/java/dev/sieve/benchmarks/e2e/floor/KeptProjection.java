package dev.sieve.benchmarks.e2e.floor;

import dev.sieve.anonymize.projection.EventView;
import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import dev.sieve.schemas.purpose.PurposeSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One purpose's record of one family, in the purpose's own layout ({@link PurposeSchemas}, the layout the sink's
 * table has), filled with no privacy work: every field holds the event's value as a {@code keep} rule would store
 * it, whatever the policy's action.
 *
 * <p>The one exception is a pseudonymized field. Its column only takes pseudonyms (a CHECK constraint, and the sink
 * refuses a pseudonym under a key it does not hold, so that nothing escapes erasure), so it gets a stand-in of the
 * same form and length, {@code <the purpose's key id>:<43 characters>}, made from the value's own bytes without any
 * keyed hash. The record is about as large as the real one and the sink does exactly the same work with it.
 */
public final class KeptProjection {

    /** A pseudonym's body: 32 bytes in unpadded base64url, 43 characters (Column.PSEUDONYM_REGEX in the sink). */
    private static final int PSEUDONYM_BYTES = 32;
    private static final Base64.Encoder BODY = Base64.getUrlEncoder().withoutPadding();

    private final Purpose purpose;
    private final Schema schema;
    private final List<Function<EventView, Object>> fields = new ArrayList<>();

    /** @param keyId the id of a key the sink holds for {@code purpose}, for pseudonym stand-ins */
    public KeptProjection(Purpose purpose, FamilyRule rule, String keyId) {
        this.purpose = purpose;
        this.schema = PurposeSchemas.of(purpose, rule);
        for (Schema.Field out : schema.getFields()) {
            FieldRule r = rule.fields().get(out.name());
            ContractField source = rule.family().fields().get(out.name());
            EventView.Position at = EventView.Position.of(rule.family(), source);
            fields.add(r.action() instanceof PseudonymizeAction ? standIn(at, keyId + ":")
                    : kept(at, out.schema().getTypes().get(1)));
        }
    }

    /**
     * Per family, a projection for each purpose of the policy that needs no consent: the purposes Sieve feeds when
     * no consent is on file, as in the benchmark, so the floor fans out as far; it decides that once, not per event.
     *
     * @param keyId the id of a key the sink holds for a purpose, for its pseudonym stand-ins
     */
    public static Map<EventFamily, List<KeptProjection>> forPolicy(Policy policy, Function<Purpose, String> keyId) {
        Map<EventFamily, List<KeptProjection>> byFamily = new EnumMap<>(EventFamily.class);
        for (EventFamily family : EventFamily.values()) {
            byFamily.put(family, policy.purposesFor(family).stream().filter(p -> !p.consentRequired())
                    .map(p -> new KeptProjection(p, p.family(family).orElseThrow(), keyId.apply(p))).toList());
        }
        return byFamily;
    }

    public Purpose purpose() {
        return purpose;
    }

    public Schema schema() {
        return schema;
    }

    public GenericRecord project(EventView event) {
        GenericData.Record out = new GenericData.Record(schema);
        for (int i = 0; i < fields.size(); i++) {
            out.put(i, fields.get(i).apply(event));
        }
        return out;
    }

    /** As anonymize stores a kept value: times as epoch millis, enums as symbols, text as strings. */
    private static Function<EventView, Object> kept(EventView.Position at, Schema type) {
        return switch (type.getType()) {
            case LONG -> e -> e.get(at) instanceof Instant t ? (Object) t.toEpochMilli() : e.get(at);
            case ENUM -> {
                Map<String, GenericData.EnumSymbol> symbols = new HashMap<>();
                type.getEnumSymbols().forEach(name -> symbols.put(name, new GenericData.EnumSymbol(type, name)));
                yield e -> e.get(at) instanceof Enum<?> v ? symbols.get(v.name()) : null;
            }
            case STRING -> e -> text(e.get(at));
            case ARRAY -> e -> e.get(at) instanceof List<?> list ? list.stream().map(KeptProjection::text).toList()
                    : null;
            default -> e -> e.get(at);
        };
    }

    private static Function<EventView, Object> standIn(EventView.Position at, String prefix) {
        return e -> e.get(at) instanceof List<?> list
                ? list.stream().map(v -> v == null ? null : prefix + body(v)).toList()
                : e.get(at) == null ? null : prefix + body(e.get(at));
    }

    /** The value's first 32 bytes, zero-padded: unique enough for identifiers, and no cryptography. */
    private static String body(Object value) {
        return BODY.encodeToString(Arrays.copyOf(value.toString().getBytes(StandardCharsets.UTF_8), PSEUDONYM_BYTES));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
