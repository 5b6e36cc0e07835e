package dev.sieve.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Kafka serde for a generated Avro record in single-object encoding. Writes with the current schema; reads
 * anything written with a released version from {@link SchemaHistory}, resolved to the current schema.
 */
public final class AvroSerde<T extends SpecificRecord> extends SingleObjectSerde<T> {

    private AvroSerde(Class<T> type, Schema current) {
        super(current.getFullName(), SpecificData.getForClass(type), current, SchemaHistory.versions(current),
                "written with a schema this reader does not know; release it in the schema history");
    }

    /** A serde for the generated class {@code type}. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, SpecificData.get().getSchema(type));
    }
}
