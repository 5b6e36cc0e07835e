package dev.sieve.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
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

    /**
     * Per thread, the bytes of the record being encoded. Avro's own {@code encode(record)} writes into a
     * synchronized {@code ByteArrayOutputStream} and copies the result twice; this buffer is neither shared nor
     * synchronized, and is copied once.
     */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

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
                Output out = OUTPUT.get();
                out.reset();
                encoder.encode(record, out);
                return out.toByteArray();
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

    /** A growable byte buffer: one thread's, never synchronized. */
    private static final class Output extends OutputStream {
        private static final int MAX_KEPT = 1 << 20;
        private byte[] buf = new byte[1024];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buf, size, length);
            size += length;
        }

        /** Empty again; a buffer grown for an unusually large record is not kept for the thread's lifetime. */
        void reset() {
            size = 0;
            if (buf.length > MAX_KEPT) {
                buf = new byte[1024];
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }
}
