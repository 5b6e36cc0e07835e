package dev.sieve.benchmarks;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.enginelocal.ChdbEngine;
import dev.sieve.local.clickhouse.EmbeddedClickHouseServer;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.clickhouse.InsertRequest;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.RowBinaryEncoder;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.InsertPool;
import dev.sieve.sink.write.PartitionBatch;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Rows per second into ClickHouse (the real engine, chDB) through the sink's writer, beside a direct bulk insert
 * of the same rows in the same run.
 *
 * <ul>
 *   <li>sink: partition batches of purpose-topic bytes through {@link BatchWriter}: Avro decode, region routing,
 *       RowBinary encode, insert with a deduplication token, one insert per batch;</li>
 *   <li>direct: the same rows already RowBinary-encoded, inserted as one statement: the engine's own ceiling.</li>
 * </ul>
 *
 * Kafka is left out on purpose: consumer throughput is Kafka's, not the sink's. Each measurement inserts into a
 * fresh table; the best of {@value #ROUNDS} rounds is reported.
 *
 * <p>Then the shape of the running pipeline: a small batch for every table of the policy, round after round, through
 * the production client (client-v2, HTTP) into the engine's HTTP interface as {@code ./sieve run} serves it, with
 * the batches' inserts on an {@link InsertPool} of 1 (the former single writer) and of {@code in-flight} threads,
 * alternating in the same run. A round is what the writer does between two batches of one table.
 *
 * <p>Run: {@code java -cp ... dev.sieve.benchmarks.SinkBenchmark [rows] [batch] [small-batch=300] [in-flight=4]}.
 */
public final class SinkBenchmark {

    private static final int ROUNDS = 3;
    private static final String TABLE = "analytics_service_log";

    private SinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        Map<String, KeyRing> rings = BenchmarkKeys.random(catalog.policy());
        TableLayout table = catalog.table(TABLE).orElseThrow();
        PurposeRows fixture = new PurposeRows(rings);
        Instant now = Instant.now();
        List<GenericRecord> records = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            records.add(fixture.row(table, i, now.minusSeconds(i % 86_400), "subject-" + (i % 5_000),
                    "device-" + (i % 7_000), "cn-north"));
        }
        List<PartitionBatch> batches = new ArrayList<>();
        for (int from = 0; from < rows; from += batchSize) {
            batches.add(Batches.of(catalog, table, 0, from, records.subList(from, Math.min(rows, from + batchSize)),
                    "cn-north"));
        }
        RowBinaryEncoder encoder = new RowBinaryEncoder(table);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (GenericRecord r : records) {
            payload.writeBytes(encoder.encode(r, now));
        }
        byte[] direct = payload.toByteArray();

        try (ClickHouseEngine engine = new ClickHouseEngine().start()) {
            double bestSink = 0;
            double bestDirect = 0;
            for (int round = 0; round < ROUNDS; round++) {
                SchemaOptions sinkDb = migrate(engine, catalog, "bench_sink_" + round);
                EngineGateway gateway = new EngineGateway(engine);
                BatchWriter writer = new BatchWriter(catalog, Stores.of(catalog, sinkDb, Map.of("cn-north", gateway)),
                        KeyRings.fixed(rings),
                        new RecordingDeadLetters(), new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()),
                        SinkMetrics.inMemory(), Clock.systemUTC());
                long t0 = System.nanoTime();
                for (PartitionBatch b : batches) {
                    writer.write(b);
                }
                bestSink = Math.max(bestSink, rows / seconds(t0));
                check(engine, sinkDb, rows);

                SchemaOptions directDb = migrate(engine, catalog, "bench_direct_" + round);
                long t1 = System.nanoTime();
                engine.insert(new InsertRequest(directDb.qualified(TABLE), RowBinaryEncoder.columns(table), RowBinaryEncoder.FORMAT,
                        direct, Map.of()).sql(), direct);
                bestDirect = Math.max(bestDirect, rows / seconds(t1));
                check(engine, directDb, rows);
            }
            System.out.printf("SinkBenchmark: %,d rows of %s, ClickHouse %s (chDB), best of %d rounds%n", rows, TABLE,
                    engine.version(), ROUNDS);
            System.out.printf("  sink writer (decode + encode + insert, batches of %,d): %,12.0f rows/s%n", batchSize,
                    bestSink);
            System.out.printf("  direct bulk insert (pre-encoded RowBinary, 1 insert):  %,12.0f rows/s%n", bestDirect);
            System.out.printf("  sink / direct: %.2f%n", bestSink / bestDirect);
        }
        int smallBatch = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : InsertPool.DEFAULT_MAX_IN_FLIGHT;
        everyTable(catalog, rings, fixture, now, smallBatch, inFlight);
    }

    private static final int TABLE_ROUNDS = 20;
    private static final int WARMUP_ROUNDS = 10;
    private static final int PASSES = 3;

    /** Every table's small batch per round, through HTTP, with 1 and then {@code inFlight} inserts at once, {@value #PASSES} times. */
    private static void everyTable(TableCatalog catalog, Map<String, KeyRing> rings, PurposeRows fixture,
            Instant now, int batchSize, int inFlight) throws Exception {
        Map<TableLayout, List<GenericRecord>> rowsOf = new java.util.LinkedHashMap<>();
        for (TableLayout t : catalog.tables()) {
            List<GenericRecord> rows = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                rows.add(fixture.row(t, i, now.minusSeconds(i), "subject-" + i, "device-" + i, "cn-north"));
            }
            rowsOf.put(t, rows);
        }
        try (ChdbEngine engine = new ChdbEngine(EmbeddedClickHouseServer.ENGINE_CONNECTIONS).start();
                EmbeddedClickHouseServer server = EmbeddedClickHouseServer.start(engine,
                        new InetSocketAddress("127.0.0.1", 0))) {
            System.out.printf("every table (%d tables, batches of %,d rows, %d rounds after %d warm-up rounds),"
                    + " client-v2 over HTTP into the engine's HTTP interface:%n", rowsOf.size(), batchSize,
                    TABLE_ROUNDS, WARMUP_ROUNDS);
            int run = 0;
            for (int pass = 0; pass < PASSES; pass++) {
                for (int threads : new int[] {1, inFlight}) {
                    SchemaOptions db = SchemaOptions.single("bench_tables_" + run++);
                    try (ClientV2Gateway gateway = ClientV2Gateway.connect(server.url(), "default", "",
                            ClientV2Gateway.DEFAULT_TIMEOUT);
                            InsertPool pool = new InsertPool(threads, SinkMetrics.inMemory())) {
                        Migrations.statements(catalog, db).forEach(gateway::execute);
                        BatchWriter writer = new BatchWriter(catalog, Stores.of(catalog, db,
                                Map.of("cn-north", gateway)), KeyRings.fixed(rings), new RecordingDeadLetters(),
                                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()),
                                SinkMetrics.inMemory(), Clock.systemUTC());
                        List<Double> roundMs = new ArrayList<>();
                        long offset = 0;
                        for (int round = 0; round < WARMUP_ROUNDS + TABLE_ROUNDS; round++) {
                            long t0 = System.nanoTime();
                            List<java.util.concurrent.CompletableFuture<Void>> stored = new ArrayList<>();
                            for (var e : rowsOf.entrySet()) {
                                stored.add(pool.runAll(writer.prepare(Batches.of(catalog, e.getKey(), 0, offset,
                                        e.getValue(), "cn-north")).inserts()));
                            }
                            stored.forEach(java.util.concurrent.CompletableFuture::join);
                            offset += batchSize;
                            if (round >= WARMUP_ROUNDS) {
                                roundMs.add(seconds(t0) * 1000);
                            }
                        }
                        roundMs.sort(null);
                        double total = roundMs.stream().mapToDouble(Double::doubleValue).sum();
                        System.out.printf("  %d in flight: round median %,6.0f ms (min %,.0f, max %,.0f),"
                                + " %,9.0f rows/s%n", threads, roundMs.get(roundMs.size() / 2), roundMs.get(0),
                                roundMs.get(roundMs.size() - 1),
                                (double) rowsOf.size() * batchSize * TABLE_ROUNDS / (total / 1000));
                    }
                }
            }
        }
    }

    private static SchemaOptions migrate(ClickHouseEngine engine, TableCatalog catalog, String database) {
        SchemaOptions o = SchemaOptions.single(database);
        Migrations.statements(catalog, o).forEach(engine::execute);
        return o;
    }

    private static void check(ClickHouseEngine engine, SchemaOptions o, int rows) {
        String count = engine.query("SELECT count() FROM " + o.qualified(TABLE), "TSV").strip();
        if (!count.equals(Integer.toString(rows))) {
            throw new IllegalStateException(o.database() + " holds " + count + " rows, expected " + rows);
        }
    }

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toNanos() / 1e9;
    }
}
