package dev.sieve.enginelocal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One connection of a {@link ChdbEngine}: a chDB connection of its own in the helper, so it has its own session
 * state (settings, current database) over the engine's one set of databases and tables. It runs one statement at a
 * time; statements on different connections run at the same time. Get one from {@link ChdbEngine#withConnection}.
 */
public final class EngineConnection {

    private final BufferedWriter requests;
    private final BufferedReader responses;
    private final Supplier<Path> insertFiles;
    private final Supplier<String> helperDiagnostics;

    EngineConnection(BufferedWriter requests, BufferedReader responses, Supplier<Path> insertFiles,
            Supplier<String> helperDiagnostics) {
        this.requests = requests;
        this.responses = responses;
        this.insertFiles = insertFiles;
        this.helperDiagnostics = helperDiagnostics;
    }

    /**
     * Runs one statement and returns the engine's output in the given text format
     * ({@code TSV}, {@code CSV}, {@code JSONEachRow}, ...), exactly as ClickHouse renders it.
     * Output must be UTF-8 text: for binary formats such as {@code RowBinary} use {@link #queryBytes}.
     *
     * @throws ClickHouseEngineException if ClickHouse rejects the statement
     */
    public String query(String sql, String format) {
        return call(EngineProtocol.encodeRequest(sql, format));
    }

    /**
     * Runs one statement and returns the engine's output bytes in any format, binary ones included
     * ({@code RowBinaryWithNamesAndTypes}, {@code Native}, {@code Parquet}), as a ClickHouse server would
     * send them.
     *
     * @throws ClickHouseEngineException if ClickHouse rejects the statement
     */
    public byte[] queryBytes(String sql, String format) {
        return Base64.getDecoder().decode(call(EngineProtocol.encodeRequest(sql, format, true)));
    }

    /** Runs a statement whose output is not needed (DDL, INSERT ... VALUES, OPTIMIZE, ...). */
    public void execute(String sql) {
        query(sql, "TSV");
    }

    /**
     * {@link ChdbEngine#insert(String, Map, byte[]) Inserts} a payload with settings for this statement only.
     *
     * @throws IllegalArgumentException if {@code insertSql} is not an INSERT ending in a FORMAT clause, or a setting
     *                                  name is not an identifier
     * @throws ClickHouseEngineException if ClickHouse rejects the statement, a setting or the payload
     */
    public synchronized void insert(String insertSql, Map<String, String> settings, byte[] payload) {
        Path infile = insertFiles.get();
        String rewritten = EngineProtocol.rewriteInsert(insertSql, settings, infile);
        try {
            Files.write(infile, payload);
            execute(rewritten);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(infile);
            } catch (IOException e) {
                // best effort: the engine's directory is deleted when it closes
            }
        }
    }

    /**
     * Runs a query and returns its rows as unescaped TSV fields; SQL NULL becomes {@code null}.
     * Values appear as ClickHouse prints them ({@code 2024-01-31 12:00:00}, {@code 1.5}, ...).
     */
    public List<List<String>> rows(String sql) {
        return ClickHouseTsv.parse(query(sql, "TSV"));
    }

    private synchronized String call(String request) {
        String line;
        try {
            requests.write(request);
            requests.newLine();
            requests.flush();
            line = responses.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("Lost the chDB helper process" + helperDiagnostics.get(), e);
        }
        if (line == null) {
            throw new IllegalStateException("The chDB helper process died" + helperDiagnostics.get());
        }
        EngineProtocol.Response response = EngineProtocol.decodeResponse(line);
        if (!response.ok()) {
            throw new ClickHouseEngineException(response.text());
        }
        return response.text();
    }
}
