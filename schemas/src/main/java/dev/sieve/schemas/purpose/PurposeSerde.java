package dev.sieve.schemas.purpose;

import dev.sieve.schemas.serde.SingleObjectSerde;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Serde of a purpose topic: generic records of the layout {@link PurposeSchemas} derives, in Avro
 * single-object encoding. Writer and reader derive the layout from the same policy; a record written under a
 * policy whose layout this reader does not know fails with a message saying so.
 */
public final class PurposeSerde extends SingleObjectSerde<GenericRecord> {

    private final Schema schema;

    public PurposeSerde(Schema schema) {
        super(schema.getFullName(), new BinaryMessageEncoder<>(OptionalFields.INSTANCE, schema),
                new BinaryMessageDecoder<>(OptionalFields.INSTANCE, schema),
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
     * Generic data for layouts whose every field is {@code [null, T]} ({@link PurposeSchemas}): the branch of a
     * value is whether it is null. Avro's own resolution looks the value's type up by name for every field of
     * every record, a good part of the anonymize stage's time. A value of the wrong type still fails to encode.
     */
    static final class OptionalFields extends GenericData {
        static final OptionalFields INSTANCE = new OptionalFields();

        @Override
        public int resolveUnion(Schema union, Object datum) {
            List<Schema> branches = union.getTypes();
            if (branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL) {
                return datum == null ? 0 : 1;
            }
            return super.resolveUnion(union, datum);
        }
    }
}
