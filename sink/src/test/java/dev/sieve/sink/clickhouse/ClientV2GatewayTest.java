package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sieve.sink.clickhouse.InsertRequest;
import dev.sieve.sink.store.StoreFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the production adapter really sends: the real client-v2 talks HTTP to a loopback server that records the
 * request. The statement and body must be exactly what the engine tests run ({@link InsertRequest#sql()} and
 * the payload), with the request settings as parameters.
 */
class ClientV2GatewayTest {

    record Captured(Map<String, String> params, byte[] body) {}

    final AtomicReference<Captured> captured = new AtomicReference<>();
    final AtomicReference<Integer> status = new AtomicReference<>(200);
    final AtomicReference<String> response = new AtomicReference<>("");
    final HttpServer server;

    ClientV2GatewayTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> params = new LinkedHashMap<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            InputStream in = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            captured.set(new Captured(params, in.readAllBytes()));
            byte[] out = response.get().getBytes(StandardCharsets.UTF_8);
            if (status.get() != 200) {
                exchange.getResponseHeaders().add("X-ClickHouse-Exception-Code", "469");
            }
            exchange.sendResponseHeaders(status.get(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    ClientV2Gateway gateway() {
        return ClientV2Gateway.connect("http://127.0.0.1:" + server.getAddress().getPort(), "sink", "pw",
                Duration.ofSeconds(10));
    }

    @Test
    void sendsTheStatementTheBytesAndTheSettingsTheEngineTestsRun() {
        byte[] payload = {2, 'e', '1', 0, (byte) 0xff, 7};
        InsertRequest request = new InsertRequest("sieve.analytics_ip", List.of("event_id", "flag"), "RowBinary",
                payload, Map.of("insert_deduplication_token", "sieve-sink:t:0:1-2:cn-north", "async_insert", "0"));

        try (ClientV2Gateway gateway = gateway()) {
            gateway.insert(request);
        }

        Captured c = captured.get();
        String sql = c.params().containsKey("query") ? c.params().get("query") : new String(c.body(), StandardCharsets.UTF_8);
        assertThat(sql).isEqualTo(request.sql());
        assertThat(c.params()).containsEntry("insert_deduplication_token", "sieve-sink:t:0:1-2:cn-north")
                .containsEntry("async_insert", "0");
        assertThat(c.body()).isEqualTo(payload);
    }

    @Test
    void serverErrorsKeepTheirCodeAndLoseTheirValues() {
        status.set(500);
        response.set("Code: 469. DB::Exception: Constraint `c` for table t is violated at row 1. Expression: (x)."
                + " Column values: device_id = 'raw-7'. (VIOLATED_CONSTRAINT) (version 26.9.2.1)");

        try (ClientV2Gateway gateway = gateway()) {
            assertThatThrownBy(() -> gateway.insert(new InsertRequest("t", List.of("a"), "RowBinary", new byte[] {1},
                    Map.of()))).isInstanceOfSatisfying(StoreFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(StoreFailure.Kind.REJECTED_ROWS);
                        assertThat(f.code()).isEqualTo(469);
                        assertThat(f.getMessage()).doesNotContain("raw-7").contains("Column values: <redacted>.");
                    });
        }
    }

    @Test
    void anUnreachableServerIsTransient() {
        server.stop(0);
        try (ClientV2Gateway gateway = gateway()) {
            assertThatThrownBy(() -> gateway.execute("SELECT 1")).isInstanceOfSatisfying(StoreFailure.class,
                    f -> assertThat(f.kind()).isEqualTo(StoreFailure.Kind.TRANSIENT));
        }
    }

    /**
     * The streamed result itself is read through the real client from the engine's HTTP interface in e2e's
     * RightsRequestsIT (this loopback server does not compress answers as ClickHouse does).
     */
    @Test
    void aStreamedQueryKeepsTheReadersFailureApartFromTheServers() {
        try (ClientV2Gateway gateway = gateway()) {
            UncheckedIOException mine = new UncheckedIOException(new IOException("disk full"));
            assertThatThrownBy(() -> gateway.query("SELECT a FROM t", "JSONEachRow", result -> {
                throw mine;
            })).as("the reader's own failure, not ClickHouse's").isSameAs(mine);

            status.set(500);
            response.set("Code: 469. DB::Exception: Constraint `c` for table t is violated. (VIOLATED_CONSTRAINT)");
            assertThatThrownBy(() -> gateway.query("SELECT a FROM t", "JSONEachRow", result -> { }))
                    .as("a server error before the result").isInstanceOfSatisfying(StoreFailure.class,
                            f -> assertThat(f.code()).isEqualTo(469));
        }
    }
}
