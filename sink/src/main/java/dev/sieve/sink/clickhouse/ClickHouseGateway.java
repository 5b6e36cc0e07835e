package dev.sieve.sink.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Everything the sink asks of one ClickHouse endpoint. Production uses the official client
 * ({@link dev.sieve.sink.clickhouse.ClientV2Gateway}); tests run the same statements and payload bytes through the
 * real engine. Implementations throw {@link StoreFailure} for every server or transport error, already
 * classified, with a message that quotes no row values.
 */
public interface ClickHouseGateway extends AutoCloseable {

    /** Runs a statement whose result is not needed (DDL, ALTER, OPTIMIZE). */
    void execute(String sql);

    /** Runs a query and returns its result in a text format ({@code TSV}, {@code JSONEachRow}, ...). */
    String query(String sql, String format);

    /**
     * Runs a query and hands its result, in a text format, to {@code reader} as it arrives, so a large result is
     * never held whole (subject access exports). This default reads it whole; the production gateway streams.
     *
     * @throws UncheckedIOException when {@code reader} failed (its own output, not ClickHouse)
     */
    default void query(String sql, String format, ResultReader reader) {
        InputStream result = new ByteArrayInputStream(query(sql, format).getBytes(StandardCharsets.UTF_8));
        try {
            reader.read(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Consumes a query's result as a stream. */
    @FunctionalInterface
    interface ResultReader {
        void read(InputStream result) throws IOException;
    }

    /** Inserts one batch; returns once ClickHouse acknowledged it (the rows are durably in parts). */
    void insert(InsertRequest request);

    @Override
    void close();
}
