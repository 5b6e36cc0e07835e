package dev.sieve.local.clickhouse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sieve.enginelocal.ChdbEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real ClickHouse engine ({@link ChdbEngine}, chDB) behind ClickHouse's HTTP interface, so that the
 * sink's production adapter (client-v2), other ClickHouse clients and {@code curl} use it as they use a server.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@code POST /} and {@code GET /} run one statement as described in {@link HttpQuery}: from the
 *       {@code query} parameter and/or the body, inserts with their data in the body, settings and database
 *       for that statement only, the answer in the format asked for (binary formats included) and, with
 *       {@code compress=1}, in ClickHouse's compressed blocks.</li>
 *   <li>A failure is answered HTTP 500 with {@code X-ClickHouse-Exception-Code} and ClickHouse's own error
 *       text, uncompressed, as a server answers it.</li>
 *   <li>{@code GET /ping}, and {@code GET /} without a query, answer {@code Ok.}.</li>
 *   <li>Credentials are accepted and not checked (the engine has no users): bind it to a loopback address.</li>
 *   <li>Statements run as many at a time as the engine has connections ({@link ChdbEngine#withConnection}), in
 *       arrival order per HTTP connection; {@link #close()} stops listening and
 *       leaves the engine to its owner.</li>
 * </ul>
 */
public final class EmbeddedClickHouseServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClickHouseServer.class);
    private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.US_ASCII);
    private static final int THREADS = 4;
    /**
     * The connections of an engine this interface serves ({@link ChdbEngine#ChdbEngine(int)}): statements at once,
     * one per two cores. An insert keeps more than a core busy (chDB runs it on several threads), so on two cores a
     * second statement at once only halves each one's share: measured, it made every insert of the sink
     * twice as long and a fifth dearer, and rows no sooner stored (BENCHMARKS.md, "Statements at the same time in
     * the embedded engine"); with more cores the sink's concurrent inserts into different tables overlap.
     */
    public static final int ENGINE_CONNECTIONS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final int STOP_GRACE_SECONDS = 1;

    static {
        // The JDK's HTTP server writes an answer's headers and its body separately: with Nagle's algorithm on, the
        // body waits for the client's delayed ACK of the headers, 40 ms per answer (inserts, whose answer has no
        // body, escape it). The server reads this once, when its first instance in the JVM is made; a value set
        // on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final QueryRunner runner;
    private final String timezone;

    private EmbeddedClickHouseServer(HttpServer server, ChdbEngine engine) {
        this.server = server;
        this.runner = new QueryRunner(engine);
        this.timezone = engine.query("SELECT timezone()", "TabSeparated").strip();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "sieve-clickhouse-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(threads);
    }

    /**
     * Starts serving {@code engine}, which must be started and stays its owner's to close.
     *
     * @param address where to listen; port 0 picks a free one
     */
    public static EmbeddedClickHouseServer start(ChdbEngine engine, InetSocketAddress address)
            throws IOException {
        EmbeddedClickHouseServer s = new EmbeddedClickHouseServer(HttpServer.create(address, 0), engine);
        s.server.start();
        return s;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL clients use, e.g. {@code http://localhost:8123}. */
    public String url() {
        return "http://localhost:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/ping") || (path.equals("/") && method.equals("GET")
                    && exchange.getRequestURI().getRawQuery() == null && body.length == 0)) {
                send(exchange, 200, "text/plain; charset=UTF-8", OK);
            } else if (!path.equals("/")) {
                send(exchange, 404, "text/plain; charset=UTF-8", ("There is no handle " + path
                        + "\n\nUse / for queries or /ping for health checks.\n").getBytes(StandardCharsets.UTF_8));
            } else if (!method.equals("GET") && !method.equals("POST")) {
                send(exchange, 405, "text/plain; charset=UTF-8", ("HTTP method " + method
                        + " is not supported: use GET or POST.\n").getBytes(StandardCharsets.UTF_8));
            } else {
                query(exchange, body);
            }
        }
    }

    private void query(HttpExchange exchange, byte[] body) throws IOException {
        HttpQuery query;
        byte[] answer;
        try {
            query = HttpQuery.read(exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            answer = runner.run(query);
        } catch (ClickHouseError e) {
            fail(exchange, 500, e);
            return;
        } catch (RuntimeException e) {
            // The type only: an engine failure's text may quote the statement, and statements may carry data.
            LOG.warn("the ClickHouse engine failed: {}", e.getClass().getName());
            fail(exchange, 500, ClickHouseError.of(ClickHouseError.UNKNOWN_EXCEPTION, "UNKNOWN_EXCEPTION",
                    "The ClickHouse engine failed (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        String format = query.answerFormat();
        exchange.getResponseHeaders().add("X-ClickHouse-Format", format);
        exchange.getResponseHeaders().add("X-ClickHouse-Query-Id",
                query.queryId().orElseGet(() -> UUID.randomUUID().toString()));
        send(exchange, 200, contentType(format), query.compressAnswer() ? NativeCompression.compress(answer) : answer);
    }

    private void fail(HttpExchange exchange, int status, ClickHouseError error) throws IOException {
        exchange.getResponseHeaders().add("X-ClickHouse-Exception-Code", Integer.toString(error.code()));
        send(exchange, status, "text/plain; charset=UTF-8", (error.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("X-ClickHouse-Server-Display-Name", "sieve-local");
        exchange.getResponseHeaders().add("X-ClickHouse-Timezone", timezone);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String contentType(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (f.startsWith("csv")) {
            return "text/csv; charset=UTF-8; header=absent";
        }
        if (f.startsWith("json")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("rowbinary") || f.equals("native") || f.equals("parquet") || f.startsWith("arrow")
                || f.equals("orc") || f.equals("avro") || f.equals("rawblob")) {
            return "application/octet-stream";
        }
        return "text/plain; charset=UTF-8";
    }

    /** Stops listening, letting answers in progress finish for a moment; the engine stays open. */
    @Override
    public void close() {
        server.stop(STOP_GRACE_SECONDS);
        threads.shutdownNow();
    }
}
