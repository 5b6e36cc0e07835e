package dev.sieve.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde over Avro's single-object encoding (marker, 64-bit schema fingerprint, binary body). Errors
 * name the record type and topic, never the payload: payloads carry identifiers. Null values pass through as
 * null, so compacted topics can carry tombstones.
 */
public abstract class SingleObjectSerde<T> implements Serde<T> {

    private final String typeName;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String unknownSchemaHint;

    /**
     * @param unknownSchemaHint what a reader should do about a record written with a schema it does not know
     */
    protected SingleObjectSerde(String typeName, BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder,
            String unknownSchemaHint) {
        this.typeName = typeName;
        this.encoder = encoder;
        this.decoder = decoder;
        this.unknownSchemaHint = unknownSchemaHint;
    }

    /** Hook for checks before encoding; throws {@link SerializationException} to refuse the record. */
    protected void check(String topic, T record) {}

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            check(topic, record);
            try {
                ByteBuffer buffer = encoder.encode(record);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (NullPointerException e) {
                // Avro names the field ("null value for (non-nullable) string at DeviceEvent.device_model"), not a value.
                throw new SerializationException("cannot write " + typeName + " to topic " + topic + ": "
                        + e.getMessage());
            } catch (IOException | AvroRuntimeException | ClassCastException e) {
                throw new SerializationException("cannot write " + typeName + " to topic " + topic + ": "
                        + e.getClass().getSimpleName() + " (a field has the wrong type)");
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (MissingSchemaException e) {
                throw new SerializationException("cannot read " + typeName + " from topic " + topic + ": "
                        + unknownSchemaHint + " (" + e.getMessage() + ")");
            } catch (BadHeaderException e) {
                throw new SerializationException("cannot read " + typeName + " from topic " + topic
                        + ": not in Avro single-object encoding (no C3 01 marker)");
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
                throw new SerializationException("cannot read " + typeName + " from topic " + topic
                        + ": corrupt record body (" + e.getClass().getSimpleName() + ")");
            }
        };
    }
}
