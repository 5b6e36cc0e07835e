package dev.sieve.anonymize.projection;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.schemas.event.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/** Reads an event's fields by contract name, envelope or not, and lists the identifier values it carries. */
public final class EventView {

    private final EventFamily family;
    private final SpecificRecord event;
    private final Envelope envelope;
    private List<String> identifierValues;
    private Map<Object, Object> derived;

    public EventView(EventFamily family, SpecificRecord event) {
        this.family = family;
        this.event = event;
        this.envelope = (Envelope) event.get(event.getSchema().getField(EventFamily.ENVELOPE_FIELD).pos());
    }

    public EventFamily family() {
        return family;
    }

    public Envelope envelope() {
        return envelope;
    }

    public Instant eventTime() {
        return envelope.getEventTime();
    }

    public Object get(ContractField field) {
        SpecificRecord owner = field.inEnvelope() ? envelope : event;
        return owner.get(owner.getSchema().getField(field.name()).pos());
    }

    /**
     * Every direct identifier value of the event, so free text can be scrubbed of them wherever quoted. Worked
     * out once per event, however many purposes it feeds.
     */
    public List<String> identifierValues() {
        if (identifierValues == null) {
            List<String> values = new ArrayList<>();
            for (ContractField f : family.fields().values()) {
                if (f.privacy() == PrivacyClass.DIRECT_IDENTIFIER && get(f) instanceof CharSequence value) {
                    values.add(value.toString());
                }
            }
            identifierValues = List.copyOf(values);
        }
        return identifierValues;
    }

    /**
     * A value derived from this event, computed the first time a purpose asks for it and shared with every later
     * purpose that asks with an equal key: scrubbing a field is the costliest step of a projection, and several
     * purposes apply the same scrub to the same field.
     *
     * @param key     what identifies the computation, e.g. the field, the action and its options
     * @param compute computes the value; may return null
     */
    public Object derived(Object key, Supplier<?> compute) {
        if (derived == null) {
            derived = new HashMap<>();
        } else if (derived.containsKey(key)) {
            return derived.get(key);
        }
        Object value = compute.get();
        derived.put(key, value);
        return value;
    }

    /** How many derived values were computed, for tests of sharing. */
    int derivedCount() {
        return derived == null ? 0 : derived.size();
    }
}
