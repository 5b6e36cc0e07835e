package dev.sieve.streams;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the events of one family off a topic, turning every way bytes can fail to be an event (corrupt,
 * foreign, unknown schema, a tombstone) into a dead-letter detail instead of an exception.
 */
public final class FamilyDecoder {

    /** An event, or why the bytes are not one (detail without values). */
    public record Decoded(SpecificRecord event, String failure) {}

    private final String topic;
    private final AvroSerde<? extends SpecificRecord> serde;

    public FamilyDecoder(EventFamily family, String topic) {
        this.topic = topic;
        this.serde = AvroSerde.of(family.recordClass());
    }

    public Decoded decode(byte[] bytes) {
        try {
            SpecificRecord event = serde.deserializer().deserialize(topic, bytes);
            return event == null ? new Decoded(null, "empty record (tombstone) on an event topic")
                    : new Decoded(event, null);
        } catch (SerializationException e) {
            return new Decoded(null, e.getMessage());
        }
    }

    /** Encodes an event of this family (after it was changed in place). */
    @SuppressWarnings("unchecked")
    public byte[] encode(SpecificRecord event) {
        return ((AvroSerde<SpecificRecord>) (AvroSerde<?>) serde).serializer().serialize(topic, event);
    }
}
