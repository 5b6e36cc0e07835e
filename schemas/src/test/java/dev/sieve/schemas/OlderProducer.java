package dev.sieve.schemas;

import dev.sieve.schemas.contract.EventFamily;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/** Writes an event the way a producer built against an older (or otherwise different) schema would. */
public final class OlderProducer {

    private OlderProducer() {}

    /** Single-object encoding of {@code event} under {@code writer}: fields the writer lacks are left out. */
    public static byte[] encode(Schema writer, SpecificRecord event) throws IOException {
        GenericRecord record = copy(writer, event);
        if (!GenericData.get().validate(writer, record)) {
            throw new IllegalArgumentException("event does not fit " + writer.getFullName());
        }
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static GenericRecord copy(Schema writer, SpecificRecord event) {
        GenericRecordBuilder out = new GenericRecordBuilder(writer);
        for (Schema.Field f : writer.getFields()) {
            if (event.getSchema().getField(f.name()) == null) {
                continue;
            }
            Object value = event.get(event.getSchema().getField(f.name()).pos());
            if (f.name().equals(EventFamily.ENVELOPE_FIELD)) {
                value = copy(f.schema(), (SpecificRecord) value);
            } else if (value instanceof Instant instant) {
                value = instant.toEpochMilli(); // generic records carry timestamp-millis as long
            }
            out.set(f, value);
        }
        return out.build();
    }
}
