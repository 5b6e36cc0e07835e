package dev.sieve.schemas.purpose;

import dev.sieve.schemas.serde.SingleObjectSerde;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Serde of a purpose topic: generic records of the layout {@link PurposeSchemas} derives, in Avro
 * single-object encoding. Writer and reader derive the layout from the same policy; a record written under a
 * policy whose layout this reader does not know fails with a message saying so.
 */
public final class PurposeSerde extends SingleObjectSerde<GenericRecord> {

    private final Schema schema;

    public PurposeSerde(Schema schema) {
        super(schema.getFullName(), PurposeData.INSTANCE, schema, List.of(),
                "written under a policy whose layout for this table differs from this reader's");
        this.schema = schema;
    }

    public Schema schema() {
        return schema;
    }

    @Override
    protected void check(String topic, GenericRecord record) {
        // Records are nearly always built on this very schema object; deep equality is the slow path.
        if (record.getSchema() != schema && !record.getSchema().equals(schema)) {
            throw new SerializationException("cannot write to " + topic + ": record layout "
                    + record.getSchema().getFullName() + " is not the topic's " + schema.getFullName());
        }
    }

    /**
     * Generic data whose records are written by {@link PurposeRecordWriter} and read by plain {@link GenericData}'s
     * reader: Avro builds its fast reader for {@code GenericData} itself only, not for a subclass, and reading with it
     * is a third cheaper (the sink decodes every purpose record; BENCHMARKS.md, "The Streams stages' commit interval
     * and the pipeline's own CPU"). The records read are the same {@code GenericData.Record}s.
     */
    static final class PurposeData extends GenericData {
        static final PurposeData INSTANCE = new PurposeData();

        @Override
        @SuppressWarnings("rawtypes")
        public DatumReader createDatumReader(Schema writer, Schema reader) {
            return GenericData.get().createDatumReader(writer, reader);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public DatumWriter createDatumWriter(Schema schema) {
            return schema.getType() == Schema.Type.RECORD ? new PurposeRecordWriter(schema, this)
                    : super.createDatumWriter(schema);
        }
    }
}
