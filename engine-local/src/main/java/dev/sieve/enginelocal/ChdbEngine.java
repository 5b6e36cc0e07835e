package dev.sieve.enginelocal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real ClickHouse engine (chDB, ClickHouse 26.x in-process), for {@code ./sieve run} and for the tests: every
 * DDL, insert, delete and TTL statement Sieve emits can be executed and checked by it.
 *
 * <p>chDB is only available as a Python wheel, so the engine runs in a helper process:
 * {@code python3 chdb_engine.py <session dir>} speaking newline-delimited JSON over
 * stdin/stdout. The interpreter is {@code python3} unless the system property
 * {@code sieve.python} or the environment variable {@code SIEVE_PYTHON} names another.
 * If it or chDB is missing, {@link #start()} fails (it never skips) with a message
 * that says to run {@code pip install chdb-core}.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>One persistent session per instance: databases and tables live until {@link #close()},
 *       which kills the helper and deletes the session directory. A JVM shutdown hook does the
 *       same if {@code close()} is never called. The directory is in memory-backed space when
 *       there is room ({@link EngineScratch}).</li>
 *   <li>Statements run exactly as given; the only transformation is the
 *       {@link #insert(String, byte[]) INSERT rewrite} to read the payload from a file.</li>
 *   <li>Engine errors surface as {@link ClickHouseEngineException} with ClickHouse's own text and code.</li>
 *   <li>All methods are thread-safe (serialized; the helper runs one statement at a time).</li>
 * </ul>
 *
 * <p>Tests use it through {@code sieve-test-support}'s {@code ClickHouseEngine}, a JUnit extension around it.
 */
public final class ChdbEngine implements AutoCloseable {

    private static final int STDERR_LINES_KEPT = 40;

    private final Deque<String> stderrTail = new ArrayDeque<>();
    private Path workDir;
    private Process process;
    private BufferedWriter requests;
    private BufferedReader responses;
    private Thread shutdownHook;
    private long inserts;

    /**
     * Launches the helper process and waits for chDB to load.
     *
     * @return this engine
     * @throws IllegalStateException if the interpreter or chDB is missing, or if already started
     */
    public synchronized ChdbEngine start() {
        if (process != null) {
            throw new IllegalStateException("ChdbEngine already started");
        }
        String python = System.getProperty("sieve.python", System.getenv().getOrDefault("SIEVE_PYTHON", "python3"));
        stderrTail.clear();
        try {
            workDir = EngineScratch.create();
            Path script = workDir.resolve("chdb_engine.py");
            try (InputStream in = ChdbEngine.class.getResourceAsStream("chdb_engine.py")) {
                Files.copy(in, script);
            }
            Path session = Files.createDirectory(workDir.resolve("session"));
            try {
                process = new ProcessBuilder(python, script.toString(), session.toString()).start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot run Python interpreter '" + python + "' for the chDB engine ("
                        + e.getMessage() + "). Install Python 3 and chDB (pip install chdb-core), or point"
                        + " -Dsieve.python=... or SIEVE_PYTHON=... at an interpreter that has chDB.", e);
            }
            Process helper = process;
            Path dir = workDir;
            shutdownHook = new Thread(() -> destroy(helper, dir), "sieve-chdb-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
            responses = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            drainStderr(process.getErrorStream());
            handshake(python);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void handshake(String python) throws IOException {
        String line = responses.readLine();
        if (line == null) {
            throw new IllegalStateException("The chDB helper (" + python + ") exited before it was ready"
                    + helperDiagnostics() + ". " + installHint(python));
        }
        EngineProtocol.Response ready = EngineProtocol.decodeResponse(line);
        if (!ready.ok()) {
            throw new IllegalStateException("chDB is not usable with '" + python + "': " + ready.text() + ". "
                    + installHint(python));
        }
    }

    private static String installHint(String python) {
        return "Install it with: " + python + " -m pip install chdb-core (or point -Dsieve.python=... or"
                + " SIEVE_PYTHON=... at an interpreter that has chDB)";
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

    private synchronized String call(String request) {
        requireStarted();
        String line;
        try {
            requests.write(request);
            requests.newLine();
            requests.flush();
            line = responses.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("Lost the chDB helper process" + helperDiagnostics(), e);
        }
        if (line == null) {
            throw new IllegalStateException("The chDB helper process died" + helperDiagnostics());
        }
        EngineProtocol.Response response = EngineProtocol.decodeResponse(line);
        if (!response.ok()) {
            throw new ClickHouseEngineException(response.text());
        }
        return response.text();
    }

    /** Runs a statement whose output is not needed (DDL, INSERT ... VALUES, OPTIMIZE, ...). */
    public void execute(String sql) {
        query(sql, "TSV");
    }

    /**
     * Inserts a payload the way a ClickHouse client sends it: {@code insertSql} is the statement
     * the client would send, e.g. {@code INSERT INTO db.t (a, b) FORMAT RowBinary}, and
     * {@code payload} the request body in that format.
     *
     * <p>The payload is written to a temporary file and the statement is rewritten, as its only
     * transformation, to {@code INSERT INTO db.t (a, b) FROM INFILE '<file>' FORMAT RowBinary}.
     * The file ends in {@code .bin} so ClickHouse reads it uncompressed.
     *
     * <p>Why a file: writing and deleting it costs about 0.06 ms of an insert's 2–3 ms in chDB
     * ({@code InsertCostBenchmark}), and chDB's one API that takes the bytes directly, the streaming insert
     * ({@code Session.send_insert}), reports success for a block a {@code CHECK} constraint rejects and stores
     * nothing (chDB 26.9.0), where {@code FROM INFILE} reports the violation as a server does.
     *
     * @throws IllegalArgumentException if {@code insertSql} is not an INSERT ending in a FORMAT clause
     * @throws ClickHouseEngineException if ClickHouse rejects the statement or the payload
     */
    public void insert(String insertSql, byte[] payload) {
        insert(insertSql, Map.of(), payload);
    }

    /**
     * {@link #insert(String, byte[]) Inserts} with settings for this statement only, as a server applies a
     * request's settings (the HTTP interface's parameters, say {@code insert_deduplication_token}): they go into the
     * statement's own {@code SETTINGS} clause, {@code ... FROM INFILE '<file>' SETTINGS name = 'value' FORMAT ...},
     * so the insert costs one statement, not a {@code SET} before it and another after.
     *
     * @throws IllegalArgumentException if {@code insertSql} is not an INSERT ending in a FORMAT clause, or a setting
     *                                  name is not an identifier
     * @throws ClickHouseEngineException if ClickHouse rejects the statement, a setting or the payload
     */
    public synchronized void insert(String insertSql, Map<String, String> settings, byte[] payload) {
        requireStarted();
        Path infile = workDir.resolve("insert-" + ++inserts + ".bin");
        String rewritten = EngineProtocol.rewriteInsert(insertSql, settings, infile);
        try {
            Files.write(infile, payload);
            execute(rewritten);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(infile);
        }
    }

    /**
     * Runs a query and returns its rows as unescaped TSV fields; SQL NULL becomes {@code null}.
     * Values appear as ClickHouse prints them ({@code 2024-01-31 12:00:00}, {@code 1.5}, ...).
     */
    public List<List<String>> rows(String sql) {
        return ClickHouseTsv.parse(query(sql, "TSV"));
    }

    /** The ClickHouse version of the engine, e.g. {@code 26.9.2.1}. */
    public String version() {
        return query("SELECT version()", "TSV").strip();
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("ChdbEngine not started: call start() first");
        }
    }

    /** Kills the helper process and deletes the session; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmAlreadyShuttingDown) {
                // the hook is running or about to run and does the same cleanup
            }
        }
        destroy(process, workDir);
        shutdownHook = null;
        process = null;
        requests = null;
        responses = null;
        workDir = null;
    }

    private static void destroy(Process process, Path workDir) {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(ChdbEngine::deleteQuietly);
            } catch (IOException | UncheckedIOException e) {
                // best effort: a leftover temp directory must not fail the test run
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort, see destroy()
        }
    }

    /** Drains stderr so the helper never blocks on a full pipe; keeps the tail for diagnostics. */
    private void drainStderr(InputStream stderr) {
        Thread drainer = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (stderrTail) {
                        if (stderrTail.size() == STDERR_LINES_KEPT) {
                            stderrTail.removeFirst();
                        }
                        stderrTail.addLast(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone; nothing left to drain
            }
        }, "sieve-chdb-stderr");
        drainer.setDaemon(true);
        drainer.start();
    }

    private String helperDiagnostics() {
        StringBuilder text = new StringBuilder();
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                text.append(" (exit code ").append(process.exitValue()).append(')');
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderrTail) {
            if (!stderrTail.isEmpty()) {
                text.append("; its stderr ended with:\n").append(String.join("\n", stderrTail));
            }
        }
        return text.toString();
    }
}
