package dev.sieve.sink.clickhouse;

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

    /** Inserts one batch; returns once ClickHouse acknowledged it (the rows are durably in parts). */
    void insert(InsertRequest request);

    @Override
    void close();
}
