package dev.sieve.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record in Avro's single-object encoding (marker, 64-bit schema
 * fingerprint, binary body). Writes with the current schema; reads anything written with a released version
 * from {@link SchemaHistory}, resolved to the current schema. Errors name the record type and topic, never
 * the payload: payloads carry identifiers.
 *
 * <p>Null values pass through as null, so compacted topics can carry tombstones.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final String typeName;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type, Schema current) {
        SpecificData model = SpecificData.getForClass(type);
        this.typeName = current.getFullName();
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        for (Schema released : SchemaHistory.versions(current)) {
            decoder.addSchema(released);
        }
    }

    /** A serde for the generated class {@code type}. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, SpecificData.get().getSchema(type));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
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
                throw new SerializationException("cannot read " + typeName + " from topic " + topic
                        + ": written with a schema this reader does not know (" + e.getMessage()
                        + "); release it in the schema history");
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
