package dev.sieve.anonymize.projection;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.schemas.event.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Reads an event's fields by contract name, envelope or not, and lists the identifier values it carries. */
public final class EventView {

    private final EventFamily family;
    private final SpecificRecord event;
    private final Envelope envelope;
    private List<String> identifierValues;

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
}
