package dev.sieve.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.InsertRequest;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * How the writer splits a batch into inserts: one per store target, so regions sharing one ClickHouse share an
 * insert and regions with a ClickHouse each get one each. The gateways only record what they are sent; the engine
 * stores the same inserts in {@code BatchWriterIT}.
 */
class BatchWriterTest {

    static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    static final SchemaOptions DB = SchemaOptions.single("sieve");
    /** Rows 0..4 of the batch, at offsets 10..14. */
    static final List<String> REGIONS = List.of("cn-north", "cn-east", "cn-north", "cn-north", "cn-east");

    final TableCatalog catalog;
    final PurposeRows rows;
    final TableLayout table;

    BatchWriterTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        table = catalog.table("service_device").orElseThrow();
    }

    @Test
    void regionsSharingAnEndpointShareOneInsertAndEachCountsItsOwnRows() {
        RecordingGateway shared = new RecordingGateway();
        SinkMetrics metrics = SinkMetrics.inMemory();

        writer(Stores.of(catalog, DB, Map.of("cn-north", shared, "cn-east", shared)), metrics)
                .write(batch(REGIONS));

        assertThat(shared.inserts).singleElement().satisfies(insert -> {
            assertThat(insert.table()).isEqualTo("sieve.service_device");
            assertThat(insert.settings()).containsEntry(InsertRequest.DEDUPLICATION_TOKEN,
                    "sieve-sink:sieve.purpose.service.device:0:10-14:cn-east+cn-north");
        });
        assertThat(inserted(metrics, "cn-north")).isEqualTo(3);
        assertThat(inserted(metrics, "cn-east")).isEqualTo(2);
    }

    @Test
    void regionsWithAnEndpointEachGetAnInsertEachWithTheSameRowsInAll() {
        RecordingGateway north = new RecordingGateway();
        RecordingGateway east = new RecordingGateway();
        RecordingGateway shared = new RecordingGateway();
        SinkMetrics metrics = SinkMetrics.inMemory();

        writer(Stores.of(catalog, DB, Map.of("cn-north", north, "cn-east", east)), metrics).write(batch(REGIONS));
        writer(Stores.of(catalog, DB, Map.of("cn-north", shared, "cn-east", shared)), SinkMetrics.inMemory())
                .write(batch(REGIONS));

        assertThat(north.inserts).singleElement().extracting(r -> r.settings().get(InsertRequest.DEDUPLICATION_TOKEN))
                .isEqualTo("sieve-sink:sieve.purpose.service.device:0:10-13:cn-north");
        assertThat(east.inserts).singleElement().extracting(r -> r.settings().get(InsertRequest.DEDUPLICATION_TOKEN))
                .isEqualTo("sieve-sink:sieve.purpose.service.device:0:11-14:cn-east");
        assertThat(inserted(metrics, "cn-north")).isEqualTo(3);
        assertThat(inserted(metrics, "cn-east")).isEqualTo(2);
        // a raw table keeps Kafka order: the shared insert is the two regions' rows, interleaved as they came
        byte[] together = shared.inserts.get(0).payload();
        assertThat(together).hasSize(north.inserts.get(0).payload().length + east.inserts.get(0).payload().length);
    }

    @Test
    void aBatchOfOneRegionOnASharedEndpointKeepsTheTokenOfThatRegionAlone() {
        RecordingGateway shared = new RecordingGateway();

        writer(Stores.of(catalog, DB, Map.of("cn-north", shared, "cn-east", shared)), SinkMetrics.inMemory())
                .write(batch(List.of("cn-east", "cn-east")));

        assertThat(shared.inserts).singleElement().extracting(r -> r.settings().get(InsertRequest.DEDUPLICATION_TOKEN))
                .isEqualTo("sieve-sink:sieve.purpose.service.device:0:10-11:cn-east");
    }

    @Test
    void aReplayOfTheBatchCarriesTheSameTokenWhateverOrderTheStoresWereGivenIn() {
        RecordingGateway first = new RecordingGateway();
        RecordingGateway second = new RecordingGateway();

        Map<String, RecordingGateway> northFirst = new LinkedHashMap<>();
        northFirst.put("cn-north", first);
        northFirst.put("cn-east", first);
        Map<String, RecordingGateway> eastFirst = new LinkedHashMap<>();
        eastFirst.put("cn-east", second);
        eastFirst.put("cn-north", second);

        writer(Stores.of(catalog, DB, northFirst), SinkMetrics.inMemory()).write(batch(REGIONS));
        writer(Stores.of(catalog, DB, eastFirst), SinkMetrics.inMemory()).write(batch(REGIONS));

        assertThat(second.inserts).singleElement().satisfies(replay -> {
            assertThat(replay.settings()).isEqualTo(first.inserts.get(0).settings());
            assertThat(replay.payload()).isEqualTo(first.inserts.get(0).payload());
        });
    }

    private PartitionBatch batch(List<String> regions) {
        List<GenericRecord> records = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            records.add(rows.row(table, i, NOW, "subject-" + i, "device-" + i, regions.get(i)));
        }
        return Batches.ofRegions(catalog, table, 0, 10, records, regions);
    }

    private BatchWriter writer(RegionStores stores, SinkMetrics metrics) {
        return new BatchWriter(catalog, stores, TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, metrics), metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static double inserted(SinkMetrics metrics, String region) {
        return metrics.registry().get(SinkMetrics.ROWS_INSERTED).tag("region", region).counter().count();
    }

    /** Records the inserts it is sent and acknowledges them; asked anything else, it fails the test. */
    private static final class RecordingGateway implements ClickHouseGateway {

        final List<InsertRequest> inserts = new ArrayList<>();

        @Override
        public void insert(InsertRequest request) {
            inserts.add(request);
        }

        @Override
        public void execute(String sql) {
            throw new UnsupportedOperationException("the writer only inserts");
        }

        @Override
        public String query(String sql, String format) {
            throw new UnsupportedOperationException("the writer only inserts");
        }

        @Override
        public void close() {
        }
    }
}
