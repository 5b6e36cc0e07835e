package dev.sieve.local.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.clickhouse.InsertRequest;
import dev.sieve.sink.store.StoreFailure;
import dev.sieve.testsupport.ClickHouseEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP interface with the clients that will use it: the sink's production adapter on the real client-v2
 * (DDL, queries, RowBinary inserts with a deduplication token, server errors), client-v2's own binary reader,
 * and plain HTTP requests as {@code curl} sends them, all against the real engine with two connections, as the
 * local pipeline runs it.
 */
class EmbeddedClickHouseServerIT {

    @RegisterExtension
    static final ClickHouseEngine ENGINE = new ClickHouseEngine(2);

    static EmbeddedClickHouseServer server;
    static ClientV2Gateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedClickHouseServer.start(ENGINE.engine(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        gateway = ClientV2Gateway.connect(server.url(), "sieve_sink", "not-checked", Duration.ofSeconds(30));
        gateway.execute("CREATE DATABASE IF NOT EXISTS shim");
        gateway.execute("CREATE TABLE IF NOT EXISTS shim.events (id UInt32, name String) ENGINE = MergeTree"
                + " ORDER BY id SETTINGS non_replicated_deduplication_window = 100");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        server.close();
    }

    @Test
    void theSinkAdapterRunsDdlAndQueriesInTextFormats() {
        gateway.execute("CREATE TABLE IF NOT EXISTS shim.ddl (a UInt8) ENGINE = MergeTree ORDER BY a");

        assertThat(gateway.query("SELECT name, type FROM system.columns WHERE database = 'shim' AND table = 'ddl'",
                "TabSeparated")).isEqualTo("a\tUInt8\n");
        assertThat(gateway.query("SELECT 1 AS one, 'x' AS s", "JSONEachRow")).isEqualTo("{\"one\":1,\"s\":\"x\"}\n");
    }

    @Test
    void rowBinaryInsertsWithTheSameDeduplicationTokenLandOnce() {
        gateway.execute("CREATE TABLE shim.dedup (id UInt32, name String) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 100");
        byte[] rows = rowBinary(Map.of(1, "ada", 2, "grace"));
        InsertRequest first = new InsertRequest("shim.dedup", List.of("id", "name"), "RowBinary", rows,
                Map.of(InsertRequest.DEDUPLICATION_TOKEN, "sieve-sink:t:0:1-2:cn-north", "async_insert", "0"));
        InsertRequest other = new InsertRequest("shim.dedup", List.of("id", "name"), "RowBinary", rows,
                Map.of(InsertRequest.DEDUPLICATION_TOKEN, "sieve-sink:t:0:3-4:cn-north", "async_insert", "0"));

        gateway.insert(first);
        gateway.insert(first);
        assertThat(gateway.query("SELECT count(), uniqExact(id) FROM shim.dedup", "TabSeparated"))
                .isEqualTo("2\t2\n");
        gateway.insert(other);
        assertThat(gateway.query("SELECT count() FROM shim.dedup", "TabSeparated")).isEqualTo("4\n");
    }

    @Test
    void settingsHoldForTheirRequestOnly() {
        gateway.insert(new InsertRequest("shim.events", List.of("id", "name"), "RowBinary", rowBinary(Map.of(7, "x")),
                Map.of(InsertRequest.DEDUPLICATION_TOKEN, "only-for-this-insert")));

        assertThat(gateway.query("SELECT getSetting('insert_deduplication_token')", "TabSeparated")).isEqualTo("\n");
    }

    @Test
    void aRequestIsAnsweredWhileAnotherRuns() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/?query=" + URLEncoder.encode("SELECT sleep(3) AS sieve_slow_request",
                        StandardCharsets.UTF_8) + "&max_threads=1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // With one statement at a time this request would wait for the slow one and no longer see it running.
        String running = "";
        while (running.isEmpty() && !slow.isDone()) {
            running = gateway.query("SELECT Settings['max_threads'] FROM system.processes"
                    + " WHERE query LIKE '%sieve_slow_request%' AND query NOT LIKE '%system.processes%'",
                    "TabSeparated");
        }

        assertThat(running).as("the slow request, with its own setting, was seen running").isEqualTo("1\n");
        assertThat(gateway.query("SELECT getSetting('max_threads') = 1", "TabSeparated")).isEqualTo("0\n");
        assertThat(slow.get().body()).isEqualTo("0\n");
    }

    @Test
    void serverErrorsKeepClickHousesCodeAndText() {
        assertThatThrownBy(() -> gateway.query("SELECT * FROM shim.missing", "TabSeparated"))
                .isInstanceOfSatisfying(StoreFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(60);
                    assertThat(f.kind()).isEqualTo(StoreFailure.Kind.FATAL);
                    assertThat(f.getMessage()).contains("UNKNOWN_TABLE");
                });
        assertThatThrownBy(() -> gateway.execute("CREATE TABEL oops"))
                .isInstanceOfSatisfying(StoreFailure.class, f -> assertThat(f.code()).isEqualTo(62));
    }

    @Test
    void clientV2ReadsBinaryFormatsThroughItsOwnReader() {
        try (Client client = new Client.Builder().addEndpoint(server.url()).setUsername("analyst")
                .setPassword("").build()) {
            List<GenericRecord> records = client.queryAll(
                    "SELECT toUInt64(number) AS n, toString(number * 2) AS s FROM system.numbers LIMIT 3");

            assertThat(records).extracting(r -> r.getLong("n") + ":" + r.getString("s"))
                    .containsExactly("0:0", "1:2", "2:4");
        }
    }

    @Test
    void answersCurlsGetWithAQueryParameter() throws Exception {
        HttpResponse<String> r = get("/?query=" + URLEncoder.encode("SELECT 40 + 2", StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("42\n");
        assertThat(r.headers().firstValue("X-ClickHouse-Format")).hasValue("TabSeparated");
        assertThat(get("/?query=SELECT+1+AS+a+FORMAT+JSONEachRow").body()).isEqualTo("{\"a\":1}\n");
        assertThat(get("/?query=SELECT+currentDatabase()&database=shim").body()).isEqualTo("shim\n");
        assertThat(get("/?query=SELECT+currentDatabase()").body()).isEqualTo("default\n");
        assertThat(get("/?query=SELECT+currentDatabase()&database=default").body()).isEqualTo("default\n");
        assertThat(get("/?query=USE+shim&database=default").statusCode()).isEqualTo(200);
        assertThat(get("/?query=SELECT+currentDatabase()").body()).isEqualTo("default\n");
    }

    @Test
    void pingAndAnEmptyGetAnswerOk() throws Exception {
        assertThat(get("/ping").body()).isEqualTo("Ok.\n");
        assertThat(get("/").body()).isEqualTo("Ok.\n");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void insertsTheDataOfAPostedInsertInEveryShapeCurlSends() throws Exception {
        gateway.execute("CREATE TABLE shim.curl (id UInt32, name String) ENGINE = MergeTree ORDER BY id");

        post("/?query=" + URLEncoder.encode("INSERT INTO shim.curl FORMAT CSV", StandardCharsets.UTF_8),
                "1,one\n2,two\n".getBytes(StandardCharsets.UTF_8), false);
        post("/", "INSERT INTO shim.curl FORMAT JSONEachRow\n{\"id\":3,\"name\":\"three\"}\n"
                .getBytes(StandardCharsets.UTF_8), false);
        post("/?query=INSERT+INTO+shim.curl+VALUES", "(4,'four')".getBytes(StandardCharsets.UTF_8), false);
        post("/", "INSERT INTO shim.curl VALUES (5, 'five')".getBytes(StandardCharsets.UTF_8), true);

        assertThat(post("/?default_format=CSV", "SELECT id, name FROM shim.curl ORDER BY id"
                .getBytes(StandardCharsets.UTF_8), true).body())
                .isEqualTo("1,\"one\"\n2,\"two\"\n3,\"three\"\n4,\"four\"\n5,\"five\"\n");
    }

    @Test
    void failuresAreHttp500WithTheExceptionCodeHeader() throws Exception {
        HttpResponse<String> r = get("/?query=SELECT+*+FROM+shim.nope");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("60");
        assertThat(r.body()).startsWith("Code: 60. DB::Exception: ").contains("(UNKNOWN_TABLE)");
        HttpResponse<String> badSetting = get("/?query=SELECT+1&no_such_setting=1");
        assertThat(badSetting.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("115");
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String pathAndQuery, byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
                .header("Authorization", "Basic ZGVmYXVsdDo=");
        if (gzip) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(body);
            }
            request.header("Content-Encoding", "gzip");
            body = bytes.toByteArray();
        }
        HttpResponse<String> r = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** RowBinary of (UInt32 id, String name) rows, in id order. */
    private static byte[] rowBinary(Map<Integer, String> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(row -> {
            int id = row.getKey();
            out.write(id);
            out.write(id >>> 8);
            out.write(id >>> 16);
            out.write(id >>> 24);
            byte[] name = row.getValue().getBytes(StandardCharsets.UTF_8);
            out.write(name.length); // a one-byte varint: names here are short
            out.writeBytes(name);
        });
        return out.toByteArray();
    }
}
