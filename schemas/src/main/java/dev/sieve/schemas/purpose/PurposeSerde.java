package dev.sieve.schemas.purpose;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of a purpose topic: generic records of the layout {@link PurposeSchemas} derives, in Avro
 * single-object encoding. Writer and reader derive the layout from the same policy; a record written under a
 * policy whose layout this reader does not know fails with a message saying so. Errors never quote values.
 */
public final class PurposeSerde implements Serde<GenericRecord> {

    private final Schema schema;
    private final BinaryMessageEncoder<GenericRecord> encoder;
    private final BinaryMessageDecoder<GenericRecord> decoder;

    public PurposeSerde(Schema schema) {
        this.schema = schema;
        this.encoder = new BinaryMessageEncoder<>(GenericData.get(), schema);
        this.decoder = new BinaryMessageDecoder<>(GenericData.get(), schema);
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            if (!record.getSchema().equals(schema)) {
                throw new SerializationException("cannot write to " + topic + ": record layout "
                        + record.getSchema().getFullName() + " is not the topic's " + schema.getFullName());
            }
            try {
                ByteBuffer buffer = encoder.encode(record);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException | AvroRuntimeException | ClassCastException e) {
                throw new SerializationException("cannot write " + schema.getFullName() + " to topic " + topic + ": "
                        + e.getClass().getSimpleName() + " (a field has the wrong type)");
            }
        };
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (MissingSchemaException e) {
                throw new SerializationException("cannot read " + schema.getFullName() + " from topic " + topic
                        + ": written under a policy whose layout for this table differs from this reader's ("
                        + e.getMessage() + ")");
            } catch (BadHeaderException e) {
                throw new SerializationException("cannot read " + schema.getFullName() + " from topic " + topic
                        + ": not in Avro single-object encoding (no C3 01 marker)");
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
                throw new SerializationException("cannot read " + schema.getFullName() + " from topic " + topic
                        + ": corrupt record body (" + e.getClass().getSimpleName() + ")");
            }
        };
    }
}
