package dev.sieve.benchmarks;

import dev.sieve.enginelocal.ChdbEngine;
import dev.sieve.local.clickhouse.EmbeddedClickHouseServer;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.clickhouse.InsertRequest;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.RowBinaryEncoder;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fixed cost of one insert into the embedded engine, layer by layer, in one run: one small batch of a policy
 * table (RowBinary, with the sink's settings: a deduplication token and {@code async_insert=0}) inserted again and
 * again, one at a time, through ever more of the path {@code ./sieve run} serves.
 *
 * <ol>
 *   <li>engine round trip: {@code SELECT 1} through {@link ChdbEngine} (the pipe, the helper, chDB's cheapest
 *       statement);</li>
 *   <li>engine insert: {@link ChdbEngine#insert(String, Map, byte[])}, what the HTTP interface calls;</li>
 *   <li>HTTP {@code SELECT 1}: the cheapest statement as an HTTP POST (JDK client, keep-alive) into
 *       {@link EmbeddedClickHouseServer}, the HTTP interface's own cost;</li>
 *   <li>HTTP insert: the insert as a plain HTTP POST, adding the HTTP server, the request's parsing and its
 *       settings to the engine insert;</li>
 *   <li>client-v2: the same through {@link ClientV2Gateway}, the sink's production client.</li>
 * </ol>
 *
 * The layers take turns statement by statement, so that the machine's changing load falls on all of them alike.
 * Every insert has its own token, so none is deduplicated away; the table is the policy's own (CHECK constraints,
 * TTL).
 *
 * <p>Run: {@code java -cp ... dev.sieve.benchmarks.InsertCostBenchmark [rows=300] [inserts=300]}.
 */
public final class InsertCostBenchmark {

    private static final String TABLE = "analytics_service_log";
    private static final int WARMUP = 50;

    private InsertCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int inserts = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        TableLayout table = catalog.table(TABLE).orElseThrow();
        byte[] payload = payload(table, rows, new PurposeRows(BenchmarkKeys.random(catalog.policy())));
        SchemaOptions db = SchemaOptions.single("bench_insert_cost");
        InsertRequest request = new InsertRequest(db.qualified(TABLE), RowBinaryEncoder.columns(table),
                RowBinaryEncoder.FORMAT, payload, Map.of());
        try (ChdbEngine engine = new ChdbEngine().start();
                EmbeddedClickHouseServer server = EmbeddedClickHouseServer.start(engine,
                        new InetSocketAddress("127.0.0.1", 0));
                ClientV2Gateway client = ClientV2Gateway.connect(server.url(), "default", "",
                        ClientV2Gateway.DEFAULT_TIMEOUT)) {
            Migrations.statements(catalog, db).forEach(engine::execute);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("InsertCostBenchmark: %d-row inserts (%,d bytes of RowBinary) into %s, ClickHouse %s"
                    + " (chDB); %d statements per layer after %d warm-up, one at a time, the layers taking turns%n",
                    rows, payload.length, TABLE, engine.version(), inserts, WARMUP);
            System.out.println("  layer                            median      p90   (ms per statement)");
            int[] token = {0};
            Map<String, Step> layers = new LinkedHashMap<>();
            layers.put("engine round trip (SELECT 1)", () -> engine.execute("SELECT 1"));
            layers.put("engine insert", () -> engine.insert(request.sql(), settings(token[0]++), payload));
            layers.put("HTTP SELECT 1", () -> post(http, server.url() + "/?query=SELECT%201",
                    HttpRequest.BodyPublishers.noBody()));
            layers.put("HTTP insert", () -> post(http, server.url() + "/?query="
                    + URLEncoder.encode(request.sql(), StandardCharsets.UTF_8) + "&" + parameters(token[0]++),
                    HttpRequest.BodyPublishers.ofByteArray(payload)));
            layers.put("client-v2 (the sink's client)", () -> client.insert(new InsertRequest(request.table(),
                    request.columns(), request.format(), payload, settings(token[0]++))));
            measure(layers, inserts);
            String count = engine.query("SELECT count() FROM " + db.qualified(TABLE), "TSV").strip();
            long expected = (long) rows * 3 * (inserts + WARMUP);
            if (!count.equals(Long.toString(expected))) {
                throw new IllegalStateException("the table holds " + count + " rows, expected " + expected);
            }
        }
    }

    private static void post(HttpClient http, String url, HttpRequest.BodyPublisher body) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).POST(body).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs every layer once per round, so that a change in the machine's load falls on all of them alike. */
    private static void measure(Map<String, Step> layers, int rounds) throws Exception {
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        layers.keySet().forEach(layer -> ms.put(layer, new ArrayList<>(rounds)));
        for (int round = 0; round < WARMUP + rounds; round++) {
            for (Map.Entry<String, Step> layer : layers.entrySet()) {
                long t0 = System.nanoTime();
                layer.getValue().run();
                if (round >= WARMUP) {
                    ms.get(layer.getKey()).add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        ms.forEach((layer, times) -> {
            times.sort(null);
            System.out.printf("  %-32s %7.2f  %7.2f%n", layer, times.get(rounds / 2), times.get(rounds * 9 / 10));
        });
    }

    /** The settings the sink sends with every insert. */
    private static Map<String, String> settings(int token) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(InsertRequest.DEDUPLICATION_TOKEN, "bench-" + token);
        settings.put("async_insert", "0");
        return settings;
    }

    private static String parameters(int token) {
        return settings(token).entrySet().stream()
                .map(s -> s.getKey() + "=" + URLEncoder.encode(s.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] payload(TableLayout table, int rows, PurposeRows fixture) throws Exception {
        RowBinaryEncoder encoder = new RowBinaryEncoder(table);
        Instant now = Instant.now();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < rows; i++) {
            out.writeBytes(encoder.encode(fixture.row(table, i, now.minusSeconds(i), "subject-" + i, "device-" + i,
                    "cn-north"), now));
        }
        return out.toByteArray();
    }
}
