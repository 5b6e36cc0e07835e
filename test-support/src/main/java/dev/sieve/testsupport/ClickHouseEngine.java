package dev.sieve.testsupport;

import dev.sieve.enginelocal.ChdbEngine;
import dev.sieve.enginelocal.ClickHouseEngineException;
import java.util.List;
import java.util.Map;

/**
 * The real ClickHouse engine ({@link ChdbEngine}: chDB, ClickHouse 26.x in a Python helper process) as a test
 * fixture: every DDL, insert, delete and TTL statement Sieve emits can be executed and checked by it. Each method
 * is the engine's; see {@link ChdbEngine} for what it guarantees.
 *
 * <p>Per test class: {@code @RegisterExtension static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();}
 */
public final class ClickHouseEngine extends ClassScopedFixture {

    private final ChdbEngine engine;

    /** The engine with one connection, as the tests' statements need: one at a time, in order. */
    public ClickHouseEngine() {
        this(1);
    }

    /** The engine with {@code connections} connections, for code that runs statements at once through them. */
    public ClickHouseEngine(int connections) {
        this.engine = new ChdbEngine(connections);
    }

    /**
     * Launches the helper process and waits for chDB to load.
     *
     * @throws IllegalStateException if the interpreter or chDB is missing, or if already started
     */
    public ClickHouseEngine start() {
        engine.start();
        return this;
    }

    @Override
    void startForTestClass() {
        start();
    }

    /** @throws ClickHouseEngineException if ClickHouse rejects the statement */
    public String query(String sql, String format) {
        return engine.query(sql, format);
    }

    /** @throws ClickHouseEngineException if ClickHouse rejects the statement */
    public byte[] queryBytes(String sql, String format) {
        return engine.queryBytes(sql, format);
    }

    /** Runs a statement whose output is not needed (DDL, INSERT ... VALUES, OPTIMIZE, ...). */
    public void execute(String sql) {
        engine.execute(sql);
    }

    /** Inserts a payload the way a ClickHouse client sends it; see {@link ChdbEngine#insert}. */
    public void insert(String insertSql, byte[] payload) {
        engine.insert(insertSql, payload);
    }

    /** Inserts a payload with settings for that statement only; see {@link ChdbEngine#insert(String, Map, byte[])}. */
    public void insert(String insertSql, Map<String, String> settings, byte[] payload) {
        engine.insert(insertSql, settings, payload);
    }

    /** A query's rows as unescaped TSV fields; SQL NULL becomes {@code null}. */
    public List<List<String>> rows(String sql) {
        return engine.rows(sql);
    }

    /** The ClickHouse version of the engine, e.g. {@code 26.9.2.1}. */
    public String version() {
        return engine.version();
    }

    /** The engine itself, for code that takes one (the local pipeline's HTTP interface). */
    public ChdbEngine engine() {
        return engine;
    }

    /** Kills the helper process and deletes the session; safe to call more than once. */
    @Override
    public void close() {
        engine.close();
    }
}
