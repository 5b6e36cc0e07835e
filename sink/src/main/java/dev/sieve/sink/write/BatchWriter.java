package dev.sieve.sink.write;

import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.DeadLetters;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.RowEncoder;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.StoreFailure;
import dev.sieve.sink.store.StoreTarget;
import dev.sieve.sink.store.UnencodableValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Stores one partition batch: decodes each record, routes it to its region's store, encodes it for the store
 * and inserts one batch per {@link StoreTarget} under its {@link DedupToken}: the rows of regions whose stores
 * share their tables (one ClickHouse for several regions, as in the local pipeline) go in one insert, while regions
 * with a ClickHouse each get an insert each. Whatever cannot be stored goes to the dead letters
 * with its reason; when the store rejects a batch as invalid, the batch is halved until the rows it rejects are
 * isolated, so one bad row never holds the partition back. Returns only when every row is either
 * acknowledged by the store or queued as a dead letter. A row pseudonymized under a key the sink does not have is
 * never stored ({@link KeyEpochGuard}): erasure could not find it.
 */
public final class BatchWriter {

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final KeyEpochGuard keyEpochs;
    private final DeadLetters deadLetters;
    private final Retrying retrying;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Map<String, Deserializer<GenericRecord>> deserializers = new HashMap<>();
    private final Map<StoreTarget, Map<String, RowEncoder>> encoders = new HashMap<>();
    /** The region header's bytes of each region with a store: most records name one, so few need decoding. */
    private final Map<ByteBuffer, String> regionNames = new HashMap<>();

    /** @param keys the keys erasure searches with: a row under any other key is refused */
    public BatchWriter(TableCatalog catalog, RegionStores stores, KeyRings keys, DeadLetters deadLetters,
            Retrying retrying, SinkMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.stores = stores;
        this.keyEpochs = new KeyEpochGuard(keys);
        this.deadLetters = deadLetters;
        this.retrying = retrying;
        this.metrics = metrics;
        this.clock = clock;
        stores.all().keySet().forEach(r -> regionNames.put(ByteBuffer.wrap(r.getBytes(StandardCharsets.UTF_8)), r));
    }

    /** Stores the batch on the caller's thread, one insert after another. */
    public void write(PartitionBatch batch) {
        PreparedBatch prepared = prepare(batch);
        prepared.inserts().forEach(Runnable::run);
        stored(prepared);
    }

    /**
     * Decodes and encodes the batch on the caller's thread (deserializers, encoders and the key check are not
     * thread-safe) and returns its inserts, one per store target, which may run on other threads and at the same
     * time: each touches only its own rows, the thread-safe store, dead letters and metrics.
     */
    public PreparedBatch prepare(PartitionBatch batch) {
        Instant started = clock.instant();
        String topic = batch.partition().topic();
        TableLayout layout = catalog.tableForTopic(topic).orElseThrow(() ->
                new IllegalStateException("topic " + topic + " feeds no table of the policy"));
        Deserializer<GenericRecord> deserializer = deserializers.computeIfAbsent(topic, t ->
                catalog.topic(layout).valueSerde().deserializer());
        Map<StoreTarget, List<Row>> byTarget = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch.records()) {
            encode(record, layout, deserializer, started).ifPresent(r -> byTarget.computeIfAbsent(
                    r.store.target(), k -> new ArrayList<>()).add(r));
        }
        List<Runnable> inserts = new ArrayList<>();
        for (List<Row> rows : byTarget.values()) {
            // Every store of the target writes into the same tables: any of them takes all the rows.
            Store store = rows.get(0).store;
            inserts.add(() -> insertIsolatingRejects(store, layout, rows));
        }
        return new PreparedBatch(batch, layout.name(), started, inserts);
    }

    /** Records how long the batch took, from {@link #prepare} until its last insert returned. */
    public void stored(PreparedBatch batch) {
        metrics.batchLatency(batch.table(), Duration.between(batch.started(), clock.instant()));
    }

    private Optional<Row> encode(ConsumerRecord<byte[], byte[]> record, TableLayout layout,
            Deserializer<GenericRecord> deserializer, Instant ingestedAt) {
        if (record.value() == null) {
            deadLetter(record, DeadLetterReason.EMPTY_VALUE, "record has no value", Optional.empty());
            return Optional.empty();
        }
        GenericRecord value;
        try {
            value = deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, DeadLetterReason.UNDECODABLE, e.getMessage(), Optional.empty());
            return Optional.empty();
        }
        Optional<String> appId = Optional.ofNullable(value.getSchema().getField("app_id"))
                .map(f -> value.get(f.pos())).map(Object::toString);
        Header regionHeader = record.headers().lastHeader(Topics.HEADER_REGION);
        if (regionHeader == null || regionHeader.value() == null) {
            deadLetter(record, DeadLetterReason.REGION_MISSING, "no " + Topics.HEADER_REGION + " header", appId);
            return Optional.empty();
        }
        String region = regionNames.get(ByteBuffer.wrap(regionHeader.value()));
        if (region == null) {
            region = new String(regionHeader.value(), StandardCharsets.UTF_8);
        }
        Optional<Store> store = stores.forRegion(region);
        if (store.isEmpty()) {
            // The region id comes from the pipeline's closed vocabulary (the policy's regions), not from a subject.
            deadLetter(record, DeadLetterReason.REGION_UNROUTABLE, "no ClickHouse endpoint is configured for region "
                    + (catalog.policy().regions().containsKey(region) ? region : "(not in the policy)"), appId);
            return Optional.empty();
        }
        keyEpochs.check(layout, value);
        RowEncoder encoder = encoders.computeIfAbsent(store.get().target(), r -> new HashMap<>())
                .computeIfAbsent(layout.name(), t -> store.get().encoder(layout));
        try {
            return Optional.of(new Row(record, encoder.encode(value, ingestedAt), region, store.get(), appId,
                    storageOrder(layout, value)));
        } catch (UnencodableValue e) {
            deadLetter(record, DeadLetterReason.UNENCODABLE, e.getMessage(), appId);
            return Optional.empty();
        }
    }

    private void insertIsolatingRejects(Store store, TableLayout layout, List<Row> rows) {
        List<ConsumerRecord<byte[], byte[]>> sources = rows.stream().map(r -> r.source).toList();
        Map<String, Integer> perRegion = new TreeMap<>();
        rows.forEach(r -> perRegion.merge(r.region, 1, Integer::sum));
        String token = DedupToken.of(sources, perRegion.keySet());
        List<byte[]> encoded = inStorageOrder(rows).stream().map(Row::bytes).toList();
        try {
            retrying.run(layout.name(), () -> store.insert(layout, encoded, token));
            perRegion.forEach((region, n) -> metrics.inserted(layout.name(), region, n));
        } catch (StoreFailure f) {
            if (f.kind() != StoreFailure.Kind.REJECTED_ROWS) {
                throw f;
            }
            if (rows.size() == 1) {
                Row row = rows.get(0);
                deadLetter(row.source, DeadLetterReason.REJECTED_BY_CLICKHOUSE, f.getMessage(), row.appId);
                return;
            }
            int half = rows.size() / 2;
            insertIsolatingRejects(store, layout, rows.subList(0, half));
            insertIsolatingRejects(store, layout, rows.subList(half, rows.size()));
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetterReason reason, String detail,
            Optional<String> appId) {
        deadLetters.send(new DeadLetter(record.key(), record.value(), record.headers(), reason, detail,
                Optional.of(record.topic()), appId));
        metrics.deadLettered(reason);
    }

    /**
     * Rows with equal sorting keys (one app, one hour) keep the order they are inserted in, and Kafka's order is the
     * same in every purpose: row k of an hour in one purpose's table would be row k in another's. In tables of
     * non-raw purposes the rows of an insert are therefore ordered by the purpose's own event pseudonym, a
     * permutation no other table shares. The token keeps naming the Kafka offsets, so a replay is still recognised.
     */
    private static List<Row> inStorageOrder(List<Row> rows) {
        if (rows.stream().allMatch(r -> r.order.isEmpty())) {
            return rows;
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::order));
        return sorted;
    }

    /** What orders the row within its insert: the event pseudonym in non-raw tables, nothing in raw ones. */
    private static String storageOrder(TableLayout layout, GenericRecord value) {
        Schema.Field eventId = value.getSchema().getField(TableLayout.EVENT_ID);
        if (layout.holdsRawIdentifiers() || eventId == null || value.get(eventId.pos()) == null) {
            return "";
        }
        return value.get(eventId.pos()).toString();
    }

    /** One encoded row, where it came from and the store of its region. */
    private record Row(ConsumerRecord<byte[], byte[]> source, byte[] bytes, String region, Store store,
            Optional<String> appId, String order) {}
}
