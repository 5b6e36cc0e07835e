package dev.sieve.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde over Avro's single-object encoding (marker {@code C3 01}, the writer schema's 64-bit CRC-64-AVRO
 * fingerprint little-endian, binary body): the bytes of Avro's {@code BinaryMessageEncoder}, and what its
 * {@code BinaryMessageDecoder} reads ({@code AvroSerdeTest} compares them). Errors name the record type and topic,
 * never the payload: payloads carry identifiers. Null values pass through as null, so compacted topics can carry
 * tombstones.
 *
 * <p>Written here rather than through Avro's message classes, which look up three thread-locals per record and read
 * the body byte by byte through a synchronized stream: each thread keeps one {@link Buffers} (its output buffer, a
 * binary encoder, and a decoder reading the record's byte array in place), found with one look-up.
 */
public abstract class SingleObjectSerde<T> implements Serde<T> {

    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER = MARKER.length + Long.BYTES;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final String typeName;
    private final byte[] header;
    private final DatumWriter<T> writer;
    /** The current schema's fingerprint and reader: nearly every record is written with it. */
    private final long currentFingerprint;
    private final DatumReader<T> currentReader;
    /** A reader per other writer schema this serde reads, by fingerprint, each resolving to the current schema. */
    private final Map<Long, DatumReader<T>> readers = new HashMap<>();
    private final String unknownSchemaHint;

    /**
     * @param model             the data model records are written from and read into
     * @param current           the schema records are written with and read as
     * @param released          further writer schemas this serde reads, resolved to {@code current}
     * @param unknownSchemaHint what a reader should do about a record written with a schema it does not know
     */
    @SuppressWarnings("unchecked") // the model's readers and writers are of the records it models
    protected SingleObjectSerde(String typeName, GenericData model, Schema current, Collection<Schema> released,
            String unknownSchemaHint) {
        this.typeName = typeName;
        this.header = Arrays.copyOf(MARKER, HEADER);
        System.arraycopy(fingerprint(current), 0, header, MARKER.length, Long.BYTES);
        this.writer = (DatumWriter<T>) model.createDatumWriter(current);
        this.currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
        this.currentReader = (DatumReader<T>) model.createDatumReader(current, current);
        for (Schema s : released) {
            readers.put(SchemaNormalization.parsingFingerprint64(s), (DatumReader<T>) model.createDatumReader(s, current));
        }
        this.unknownSchemaHint = unknownSchemaHint;
    }

    /** The schema's CRC-64-AVRO fingerprint, little-endian, as the single-object header carries it. */
    private static byte[] fingerprint(Schema schema) {
        try {
            return SchemaNormalization.parsingFingerprint("CRC-64-AVRO", schema);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Avro has no CRC-64-AVRO fingerprint", e);
        }
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
                Buffers buffers = BUFFERS.get();
                Output out = buffers.output;
                out.reset();
                out.write(header, 0, HEADER);
                buffers.encoder = EncoderFactory.get().directBinaryEncoder(out, buffers.encoder);
                writer.write(record, buffers.encoder);
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
            if (bytes.length < HEADER || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
                throw new SerializationException("cannot read " + typeName + " from topic " + topic
                        + ": not in Avro single-object encoding (no C3 01 marker)");
            }
            long fingerprint = 0;
            for (int i = HEADER - 1; i >= MARKER.length; i--) {
                fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
            }
            DatumReader<T> reader = fingerprint == currentFingerprint ? currentReader : readers.get(fingerprint);
            if (reader == null) {
                throw new SerializationException("cannot read " + typeName + " from topic " + topic + ": "
                        + unknownSchemaHint + " (Cannot resolve schema for fingerprint: " + fingerprint + ")");
            }
            try {
                Buffers buffers = BUFFERS.get();
                buffers.decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER,
                        buffers.decoder);
                return reader.read(null, buffers.decoder);
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
                throw new SerializationException("cannot read " + typeName + " from topic " + topic
                        + ": corrupt record body (" + e.getClass().getSimpleName() + ")");
            }
        };
    }

    /** One thread's encoding and decoding state, reused from record to record. */
    private static final class Buffers {
        private final Output output = new Output();
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;
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
