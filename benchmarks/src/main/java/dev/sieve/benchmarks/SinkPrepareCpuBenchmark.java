package dev.sieve.benchmarks;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.PartitionBatch;
import dev.sieve.sink.write.Retrying;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The sink's own CPU per row, without Kafka or ClickHouse: {@link BatchWriter#prepare} (Avro decode, region
 * routing, the key check, RowBinary encode) of one batch of every table of the policy, rows from every region,
 * beside the baseline in the same run: the Avro decode alone of the same records through the topics' serdes.
 * Measured in CPU time of the benchmark thread, so it reads the same while other builds load the machine; each
 * figure is the lowest and the median of {@value #ROUNDS} rounds after as many to warm up.
 *
 * <p>Run: {@code java -cp "$CP" dev.sieve.benchmarks.SinkPrepareCpuBenchmark [rows-per-table=1600]}
 */
public final class SinkPrepareCpuBenchmark {

    private static final int ROUNDS = 20;

    private SinkPrepareCpuBenchmark() {}

    public static void main(String[] args) throws Exception {
        int perTable = args.length > 0 ? Integer.parseInt(args[0]) : 1600;
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        Map<String, KeyRing> rings = BenchmarkKeys.random(catalog.policy());
        PurposeRows fixture = new PurposeRows(rings);
        List<String> regions = List.copyOf(catalog.policy().regions().keySet());
        // prepare never inserts: a gateway that is called is a broken benchmark
        ClickHouseGateway unused = (ClickHouseGateway) Proxy.newProxyInstance(
                SinkPrepareCpuBenchmark.class.getClassLoader(), new Class<?>[] {ClickHouseGateway.class},
                (proxy, method, a) -> {
                    throw new IllegalStateException("prepare called ClickHouse: " + method.getName());
                });
        Map<String, ClickHouseGateway> byRegion = new LinkedHashMap<>();
        regions.forEach(r -> byRegion.put(r, unused));
        RecordingDeadLetters deadLetters = new RecordingDeadLetters();
        BatchWriter writer = new BatchWriter(catalog, Stores.of(catalog, SchemaOptions.single("bench"), byRegion),
                KeyRings.fixed(rings), deadLetters,
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.systemUTC());

        Instant now = Instant.now();
        List<PartitionBatch> batches = new ArrayList<>();
        for (TableLayout table : catalog.tables()) {
            List<GenericRecord> rows = new ArrayList<>();
            List<String> rowRegions = new ArrayList<>();
            for (int i = 0; i < perTable; i++) {
                String region = regions.get(i % regions.size());
                rows.add(fixture.row(table, i, now.minusSeconds(i % 86_400), "subject-" + (i % 5_000),
                        "device-" + (i % 7_000), region));
                rowRegions.add(region);
            }
            batches.add(Batches.ofRegions(catalog, table, 0, 0, rows, rowRegions));
        }
        int rows = batches.size() * perTable;

        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] decode = new double[ROUNDS];
        double[] prepare = new double[ROUNDS];
        long checksum = 0;
        for (int round = -ROUNDS; round < ROUNDS; round++) {
            long start = cpu.getCurrentThreadCpuTime();
            for (PartitionBatch b : batches) {
                Deserializer<GenericRecord> serde = catalog.tableForTopic(b.partition().topic())
                        .map(t -> catalog.topic(t).valueSerde().deserializer()).orElseThrow();
                for (ConsumerRecord<byte[], byte[]> r : b.records()) {
                    checksum += serde.deserialize(r.topic(), r.headers(), r.value()).getSchema().getFields().size();
                }
            }
            long middle = cpu.getCurrentThreadCpuTime();
            for (PartitionBatch b : batches) {
                checksum += writer.prepare(b).inserts().size();
            }
            long end = cpu.getCurrentThreadCpuTime();
            if (round >= 0) {
                decode[round] = (middle - start) / 1e3 / rows;
                prepare[round] = (end - middle) / 1e3 / rows;
            }
        }
        if (!deadLetters.sent().isEmpty()) {
            throw new IllegalStateException(deadLetters.sent().size() + " rows were dead-lettered");
        }
        Arrays.sort(decode);
        Arrays.sort(prepare);
        System.out.printf("SinkPrepareCpuBenchmark: %d tables x %d rows from %d regions, CPU microseconds per row"
                + " (lowest / median of %d rounds; checksum %d)%n", batches.size(), perTable, regions.size(), ROUNDS,
                checksum);
        System.out.printf("  Avro decode alone (baseline)                      %6.2f / %6.2f%n", decode[0],
                decode[ROUNDS / 2]);
        System.out.printf("  BatchWriter.prepare (decode, route, check, encode) %6.2f / %6.2f%n", prepare[0],
                prepare[ROUNDS / 2]);
    }
}
