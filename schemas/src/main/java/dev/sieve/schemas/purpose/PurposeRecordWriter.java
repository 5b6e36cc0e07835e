package dev.sieve.schemas.purpose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * Writes the records of a purpose layout ({@link PurposeSchemas}: a record of {@code [null, T]} fields) in Avro
 * binary, each field by a writer chosen once from its type. Avro's {@link GenericDatumWriter} resolves the union,
 * looks up logical-type conversions and dispatches on the schema type for every field of every record, which was
 * the largest part of the anonymize stage's encoding time. The bytes are exactly {@link GenericDatumWriter}'s
 * ({@code PurposeRecordWriterTest}); a type without a writer here (none in today's layouts) is written by it.
 */
final class PurposeRecordWriter implements DatumWriter<GenericRecord> {

    /** Writes one value of a type. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(Object value, Encoder out) throws IOException;
    }

    private final GenericData data;
    private ValueWriter[] fields;

    PurposeRecordWriter(Schema schema, GenericData data) {
        this.data = data;
        setSchema(schema);
    }

    @Override
    public void setSchema(Schema schema) {
        List<Schema.Field> list = schema.getFields();
        fields = new ValueWriter[list.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = writer(list.get(i).schema());
        }
    }

    @Override
    public void write(GenericRecord record, Encoder out) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            fields[i].write(record.get(i), out);
        }
    }

    private ValueWriter writer(Schema s) {
        switch (s.getType()) {
            case UNION:
                List<Schema> branches = s.getTypes();
                if (branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL) {
                    ValueWriter present = writer(branches.get(1));
                    return (v, out) -> {
                        if (v == null) {
                            out.writeIndex(0);
                        } else {
                            out.writeIndex(1);
                            present.write(v, out);
                        }
                    };
                }
                return generic(s);
            case STRING:
                // A string is its UTF-8 bytes after their length, as bytes are: String.getBytes copies an ASCII
                // string's bytes in one go, where Avro's writeString(String) reads and tests it char by char.
                return (v, out) -> out.writeBytes(v.toString().getBytes(StandardCharsets.UTF_8));
            // A timestamp-millis long is written as its long: the generic model has no conversions registered.
            case LONG:
                return (v, out) -> out.writeLong(((Number) v).longValue());
            case INT:
                return (v, out) -> out.writeInt(((Number) v).intValue());
            case BOOLEAN:
                return (v, out) -> out.writeBoolean((Boolean) v);
            case ENUM:
                return (v, out) -> out.writeEnum(s.getEnumOrdinal(v.toString()));
            case ARRAY:
                ValueWriter item = writer(s.getElementType());
                return (v, out) -> {
                    Collection<?> items = (Collection<?>) v;
                    out.writeArrayStart();
                    out.setItemCount(items.size());
                    for (Object o : items) {
                        out.startItem();
                        item.write(o, out);
                    }
                    out.writeArrayEnd();
                };
            default:
                return generic(s);
        }
    }

    private ValueWriter generic(Schema s) {
        GenericDatumWriter<Object> w = new GenericDatumWriter<>(s, data);
        return w::write;
    }
}
