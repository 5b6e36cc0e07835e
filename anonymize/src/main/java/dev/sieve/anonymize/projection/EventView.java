package dev.sieve.anonymize.projection;

import dev.sieve.scrub.KnownIdentifiers;
import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.schemas.event.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads an event's fields by position, envelope or not, lists the identifier values it carries, and keeps what one
 * purpose derived from the event for the next purpose that asks. One view serves one event; it is not thread-safe.
 */
public final class EventView {

    /** Per family: where the envelope sits, and where its direct identifiers do; worked out once, not per event. */
    private static final Map<EventFamily, Integer> ENVELOPE = new EnumMap<>(EventFamily.class);
    private static final Map<EventFamily, List<Position>> IDENTIFIERS = new EnumMap<>(EventFamily.class);

    static {
        for (EventFamily f : EventFamily.values()) {
            ENVELOPE.put(f, f.schema().getField(EventFamily.ENVELOPE_FIELD).pos());
            IDENTIFIERS.put(f, f.fields().values().stream().filter(c -> c.privacy() == PrivacyClass.DIRECT_IDENTIFIER)
                    .map(c -> Position.of(f, c)).toList());
        }
    }

    private final EventFamily family;
    private final SpecificRecord event;
    private final Envelope envelope;
    private List<String> identifierValues;
    private KnownIdentifiers knownIdentifiers;
    /** Keys derived for this event and their values, side by side: a handful per event, scanned linearly. */
    private final List<Object> derivedKeys = new ArrayList<>(4);
    private final List<Object> derivedValues = new ArrayList<>(4);

    public EventView(EventFamily family, SpecificRecord event) {
        this.family = family;
        this.event = event;
        this.envelope = (Envelope) event.get(ENVELOPE.get(family));
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

    /** The value at a position worked out once, at start-up: cheaper than a lookup by name for every event. */
    public Object get(Position p) {
        return (p.inEnvelope() ? envelope : event).get(p.index());
    }

    /**
     * Where a field of a family sits: in the envelope or the family record, at which index.
     *
     * @param inEnvelope whether the field is in the {@link Envelope}
     * @param index      its position in that record
     */
    public record Position(boolean inEnvelope, int index) {

        public static Position of(EventFamily family, ContractField field) {
            return new Position(field.inEnvelope(), (field.inEnvelope() ? Envelope.getClassSchema() : family.schema())
                    .getField(field.name()).pos());
        }
    }

    /**
     * Every direct identifier value of the event, so free text can be scrubbed of them wherever quoted. Worked
     * out once per event, however many purposes it feeds.
     */
    public List<String> identifierValues() {
        if (identifierValues == null) {
            List<String> values = new ArrayList<>();
            for (Position p : IDENTIFIERS.get(family)) {
                if (get(p) instanceof CharSequence value) {
                    values.add(value.toString());
                }
            }
            identifierValues = List.copyOf(values);
        }
        return identifierValues;
    }

    /**
     * {@link #identifierValues()} prepared by {@code scrubber} as its recognizers match them, once per event however
     * many fields and purposes it scrubs.
     */
    public KnownIdentifiers knownIdentifiers(Scrubber scrubber) {
        if (knownIdentifiers == null) {
            knownIdentifiers = scrubber.known(identifierValues());
        }
        return knownIdentifiers;
    }

    /**
     * A value derived from this event, computed the first time a purpose asks for it and shared with every later
     * purpose that asks with the same key: scrubbing a field is the costliest step of a projection, and several
     * purposes apply the same scrub to the same field.
     *
     * <p>Keys are compared by identity: callers keep one instance per computation (as {@link Appliers} does, one per
     * field, action and options), so a look-up never compares the actions' options, and a key asked for the first time
     * costs no {@code equals} against the keys of other fields. {@code compute} takes the view, so a caller can build
     * it once rather than capture the view in a new lambda for every event.
     *
     * @param key     the one instance that identifies the computation, e.g. the field, the action and its options
     * @param compute computes the value from this view; may return null
     */
    public Object derived(Object key, Function<EventView, ?> compute) {
        for (int i = 0; i < derivedKeys.size(); i++) {
            if (derivedKeys.get(i) == key) {
                return derivedValues.get(i);
            }
        }
        Object value = compute.apply(this);
        derivedKeys.add(key);
        derivedValues.add(value);
        return value;
    }

    /** How many derived values were computed, for tests of sharing. */
    int derivedCount() {
        return derivedKeys.size();
    }
}
