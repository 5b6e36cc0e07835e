package dev.sieve.sink.store;

import java.time.Instant;
import org.apache.avro.generic.GenericRecord;

/** Encodes purpose records as one table's stored rows. */
public interface RowEncoder {

    /**
     * @param record     a record of the table's purpose layout
     * @param ingestedAt the insert time; the table's layout decides how exactly it is stored
     * @throws UnencodableValue naming the column whose value does not fit, never the value
     */
    byte[] encode(GenericRecord record, Instant ingestedAt) throws UnencodableValue;
}
