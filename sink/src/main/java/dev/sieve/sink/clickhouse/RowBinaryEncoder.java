package dev.sieve.sink.clickhouse;

import dev.sieve.schemas.ip.IpLiteral;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RowEncoder;
import dev.sieve.sink.store.UnencodableValue;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Encodes purpose records as ClickHouse RowBinary rows for one table, columns in {@link TableLayout} order.
 * RowBinary carries no names or types, so the insert names the columns and the layout decides the types:
 * both come from the same policy, which is what makes the compact format safe. Not thread-safe.
 */
public final class RowBinaryEncoder implements RowEncoder {

    public static final String FORMAT = "RowBinary";

    private final TableLayout layout;
    private final RowBinaryOutput out = new RowBinaryOutput();

    public RowBinaryEncoder(TableLayout layout) {
        this.layout = layout;
    }

    /** The table's column names in the order {@link #encode} writes them. */
    public static List<String> columns(TableLayout layout) {
        return layout.columns().stream().map(Column::name).toList();
    }

    /**
     * @param record     a record of the table's purpose layout
     * @param ingestedAt the insert time; {@link TableLayout#ingestedAt} decides how exactly it is stored
     * @throws UnencodableValue naming the column whose value does not fit
     */
    @Override
    public byte[] encode(GenericRecord record, Instant ingestedAt) throws UnencodableValue {
        out.reset();
        long stored = layout.ingestedAt(ingestedAt).toEpochMilli();
        for (Column c : layout.columns()) {
            Object value = c.field().isPresent() ? record.get(c.field().get()) : stored;
            write(c, value);
        }
        return out.toByteArray();
    }

    private void write(Column c, Object value) throws UnencodableValue {
        if (c.nullable()) {
            out.writeByte(value == null ? 1 : 0);
            if (value == null) {
                return;
            }
        } else if (value == null && c.type().canBeNull()) {
            throw new UnencodableValue("column " + c.name() + ": null in a column that requires a value");
        }
        try {
            switch (c.type()) {
                case STRING, LOW_CARDINALITY_STRING -> out.writeString(value.toString());
                case DATETIME64, INT64 -> out.writeInt64(((Number) value).longValue());
                case INT32 -> out.writeInt32(((Number) value).intValue());
                case FLOAT32 -> out.writeInt32(Float.floatToRawIntBits(((Number) value).floatValue()));
                case FLOAT64 -> out.writeInt64(Double.doubleToRawLongBits(((Number) value).doubleValue()));
                case BOOL -> out.writeByte(Boolean.TRUE.equals(value) ? 1 : 0);
                case IPV6 -> out.writeBytes(IpLiteral.toIpv6Bytes(value.toString()));
                case ARRAY_STRING -> writeStrings(value == null ? List.of() : (List<?>) value);
            }
        } catch (ClassCastException e) {
            throw new UnencodableValue("column " + c.name() + ": value is not of the column's type " + c.sqlType());
        } catch (IllegalArgumentException e) {
            throw new UnencodableValue("column " + c.name() + ": " + e.getMessage());
        }
    }

    private void writeStrings(List<?> items) {
        out.writeVarUInt(items.size());
        for (Object item : items) {
            if (item == null) {
                throw new IllegalArgumentException("null list element");
            }
            out.writeString(item.toString());
        }
    }
}
