package dev.sieve.enginelocal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The real ClickHouse engine (chDB, ClickHouse 26.x in-process), for {@code ./sieve run} and for the tests: every
 * DDL, insert, delete and TTL statement Sieve emits can be executed and checked by it.
 *
 * <p>chDB is only available as a Python wheel, so the engine runs in a helper process:
 * {@code python3 chdb_engine.py <session dir> [<socket>]} speaking newline-delimited JSON over
 * stdin/stdout, and over a Unix socket in the engine's directory for every further
 * {@link EngineConnection connection}. The interpreter is {@code python3} unless the system property
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
 *   <li>All methods are thread-safe. The engine's own methods run on its first connection, one statement at a time,
 *       so a {@code SET} or {@code USE} holds for the statements after it. An engine made with more connections runs
 *       as many statements at once through {@link #withConnection}, each connection with its own settings and
 *       current database over the same databases and tables.</li>
 * </ul>
 *
 * <p>Tests use it through {@code sieve-test-support}'s {@code ClickHouseEngine}, a JUnit extension around it.
 */
public final class ChdbEngine implements AutoCloseable {

    private static final int STDERR_LINES_KEPT = 40;
    /** More than a few would only queue for the machine's cores; also the limit of the constructor. */
    public static final int MAX_CONNECTIONS = 16;

    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final int connectionCount;
    /** The connections nobody uses at the moment; a new queue for each start, so a late return cannot reach it. */
    private volatile BlockingQueue<EngineConnection> idle = new ArrayBlockingQueue<>(1);
    private final AtomicLong inserts = new AtomicLong();
    private Path workDir;
    private Process process;
    private EngineConnection first;
    private final List<SocketChannel> sockets = new ArrayList<>();
    private Thread shutdownHook;

    /** An engine with one connection: one statement at a time. */
    public ChdbEngine() {
        this(1);
    }

    /**
     * An engine that runs up to {@code connections} statements at once through {@link #withConnection}.
     *
     * @throws IllegalArgumentException unless 1 &lt;= connections &lt;= {@value #MAX_CONNECTIONS}
     */
    public ChdbEngine(int connections) {
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections must be between 1 and " + MAX_CONNECTIONS + ", got "
                    + connections);
        }
        this.connectionCount = connections;
    }

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
            Path socket = workDir.resolve("connections.sock");
            List<String> command = new ArrayList<>(List.of(python, script.toString(), session.toString()));
            if (connectionCount > 1) {
                command.add(socket.toString());
            }
            try {
                process = new ProcessBuilder(command).start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot run Python interpreter '" + python + "' for the chDB engine ("
                        + e.getMessage() + "). Install Python 3 and chDB (pip install chdb-core), or point"
                        + " -Dsieve.python=... or SIEVE_PYTHON=... at an interpreter that has chDB.", e);
            }
            Process helper = process;
            Path dir = workDir;
            shutdownHook = new Thread(() -> destroy(helper, dir), "sieve-chdb-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            BufferedReader responses = reader(process.getInputStream());
            drainStderr(process.getErrorStream());
            handshake(python, responses);
            first = connection(writer(process.getOutputStream()), responses);
            BlockingQueue<EngineConnection> connections = new ArrayBlockingQueue<>(connectionCount);
            connections.add(first);
            for (int i = 1; i < connectionCount; i++) {
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                sockets.add(channel);
                connections.add(connection(writer(Channels.newOutputStream(channel)),
                        reader(Channels.newInputStream(channel))));
            }
            idle = connections;
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static BufferedWriter writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private EngineConnection connection(BufferedWriter requests, BufferedReader responses) {
        Path dir = workDir;
        return new EngineConnection(requests, responses, () -> dir.resolve("insert-" + inserts.incrementAndGet()
                + ".bin"), this::helperDiagnostics);
    }

    private void handshake(String python, BufferedReader responses) throws IOException {
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
     * Runs {@code work} on a connection that nothing else uses meanwhile, waiting for one to be free: its statements
     * run one after the other, at the same time as those on the engine's other connections, and a {@code SET} or
     * {@code USE} in it holds until it is undone or changed (the connection is handed on as {@code work} left it).
     *
     * @throws IllegalStateException if the engine is not started, or the thread is interrupted while waiting
     */
    public <T> T withConnection(Function<EngineConnection, T> work) {
        requireStarted();
        BlockingQueue<EngineConnection> pool = idle;
        EngineConnection connection;
        try {
            connection = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a connection to the chDB engine", e);
        }
        try {
            synchronized (connection) {
                return work.apply(connection);
            }
        } finally {
            pool.add(connection);
        }
    }

    /** {@link EngineConnection#query} on the engine's first connection. */
    public String query(String sql, String format) {
        return first().query(sql, format);
    }

    /** {@link EngineConnection#queryBytes} on the engine's first connection. */
    public byte[] queryBytes(String sql, String format) {
        return first().queryBytes(sql, format);
    }

    /** Runs a statement whose output is not needed (DDL, INSERT ... VALUES, OPTIMIZE, ...). */
    public void execute(String sql) {
        first().execute(sql);
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
    public void insert(String insertSql, Map<String, String> settings, byte[] payload) {
        first().insert(insertSql, settings, payload);
    }

    /**
     * Runs a query and returns its rows as unescaped TSV fields; SQL NULL becomes {@code null}.
     * Values appear as ClickHouse prints them ({@code 2024-01-31 12:00:00}, {@code 1.5}, ...).
     */
    public List<List<String>> rows(String sql) {
        return first().rows(sql);
    }

    /** The ClickHouse version of the engine, e.g. {@code 26.9.2.1}. */
    public String version() {
        return query("SELECT version()", "TSV").strip();
    }

    private synchronized EngineConnection first() {
        requireStarted();
        return first;
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
        for (SocketChannel socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // the helper is gone; nothing left to close cleanly
            }
        }
        sockets.clear();
        idle = new ArrayBlockingQueue<>(1);
        shutdownHook = null;
        process = null;
        first = null;
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
        Process helper = process;
        try {
            if (helper != null && helper.waitFor(2, TimeUnit.SECONDS)) {
                text.append(" (exit code ").append(helper.exitValue()).append(')');
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
