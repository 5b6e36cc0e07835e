package dev.sieve.sink.write;

import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.ClickHouseFailure;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.port.DeadLetters;
import dev.sieve.sink.port.InsertRequest;
import java.io.ByteArrayOutputStream;
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
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Stores one partition batch: decodes each record, routes it to its region's ClickHouse, encodes it in
 * RowBinary and inserts one block per region. Whatever cannot be stored goes to the dead letters with its
 * reason; when ClickHouse rejects a block as invalid, the block is halved until the rows it rejects are
 * isolated, so one bad row never holds the partition back. Returns only when every row is either
 * acknowledged by ClickHouse or queued as a dead letter. A row pseudonymized under a key the sink does not have is
 * never stored ({@link KeyEpochGuard}): erasure could not find it.
 */
public final class BatchWriter {

    /** The writer batches itself; server-side async inserts would acknowledge before the rows are stored. */
    static final Map<String, String> INSERT_SETTINGS = Map.of("async_insert", "0");

    private final TableCatalog catalog;
    private final SchemaOptions options;
    private final RegionEndpoints endpoints;
    private final KeyEpochGuard keyEpochs;
    private final DeadLetters deadLetters;
    private final Retrying retrying;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Map<String, Deserializer<GenericRecord>> deserializers = new HashMap<>();
    private final Map<String, RowBinaryEncoder> encoders = new HashMap<>();

    /** @param keys the keys erasure searches with: a row under any other key is refused */
    public BatchWriter(TableCatalog catalog, SchemaOptions options, RegionEndpoints endpoints, KeyRings keys,
            DeadLetters deadLetters, Retrying retrying, SinkMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.options = options;
        this.endpoints = endpoints;
        this.keyEpochs = new KeyEpochGuard(keys);
        this.deadLetters = deadLetters;
        this.retrying = retrying;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void write(PartitionBatch batch) {
        Instant started = clock.instant();
        String topic = batch.partition().topic();
        TableLayout layout = catalog.tableForTopic(topic).orElseThrow(() ->
                new IllegalStateException("topic " + topic + " feeds no table of the policy"));
        Deserializer<GenericRecord> deserializer = deserializers.computeIfAbsent(topic, t ->
                catalog.topic(layout).valueSerde().deserializer());
        RowBinaryEncoder encoder = encoders.computeIfAbsent(topic, t -> new RowBinaryEncoder(layout));
        Map<String, List<Row>> byRegion = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch.records()) {
            encode(record, layout, deserializer, encoder, started).ifPresent(r -> byRegion.computeIfAbsent(r.region,
                    k -> new ArrayList<>()).add(r));
        }
        for (Map.Entry<String, List<Row>> e : byRegion.entrySet()) {
            ClickHouseGateway gateway = endpoints.forRegion(e.getKey()).orElseThrow();
            insertIsolatingRejects(gateway, layout, encoder.columns(), e.getKey(), e.getValue());
        }
        metrics.batchLatency(layout.name(), Duration.between(started, clock.instant()));
    }

    private Optional<Row> encode(ConsumerRecord<byte[], byte[]> record, TableLayout layout,
            Deserializer<GenericRecord> deserializer, RowBinaryEncoder encoder, Instant ingestedAt) {
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
        String region = new String(regionHeader.value(), StandardCharsets.UTF_8);
        if (endpoints.forRegion(region).isEmpty()) {
            // The region id comes from the pipeline's closed vocabulary (the policy's regions), not from a subject.
            deadLetter(record, DeadLetterReason.REGION_UNROUTABLE, "no ClickHouse endpoint is configured for region "
                    + (catalog.policy().regions().containsKey(region) ? region : "(not in the policy)"), appId);
            return Optional.empty();
        }
        keyEpochs.check(layout, value);
        try {
            return Optional.of(new Row(record, encoder.encode(value, ingestedAt), region, appId,
                    storageOrder(layout, value)));
        } catch (UnencodableValue e) {
            deadLetter(record, DeadLetterReason.UNENCODABLE, e.getMessage(), appId);
            return Optional.empty();
        }
    }

    private void insertIsolatingRejects(ClickHouseGateway gateway, TableLayout layout, List<String> columns,
            String region, List<Row> rows) {
        List<ConsumerRecord<byte[], byte[]>> sources = rows.stream().map(r -> r.source).toList();
        InsertRequest request = new InsertRequest(options.qualified(layout.name()), columns,
                RowBinaryEncoder.FORMAT, concat(inStorageOrder(rows)), settings(DedupToken.of(sources, region)));
        try {
            retrying.run(layout.name(), () -> gateway.insert(request));
            metrics.inserted(layout.name(), region, rows.size());
        } catch (ClickHouseFailure f) {
            if (f.kind() != ClickHouseFailure.Kind.REJECTED_ROWS) {
                throw f;
            }
            if (rows.size() == 1) {
                Row row = rows.get(0);
                deadLetter(row.source, DeadLetterReason.REJECTED_BY_CLICKHOUSE, f.getMessage(), row.appId);
                return;
            }
            int half = rows.size() / 2;
            insertIsolatingRejects(gateway, layout, columns, region, rows.subList(0, half));
            insertIsolatingRejects(gateway, layout, columns, region, rows.subList(half, rows.size()));
        }
    }

    private Map<String, String> settings(String token) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(InsertRequest.DEDUPLICATION_TOKEN, token);
        settings.putAll(INSERT_SETTINGS);
        if (options.cluster().isPresent()) {
            // The Distributed table forwards the block (and its token) to the shards before acknowledging.
            settings.put("distributed_foreground_insert", "1");
        }
        return settings;
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

    private static byte[] concat(List<Row> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.stream().mapToInt(r -> r.bytes.length).sum());
        rows.forEach(r -> out.writeBytes(r.bytes));
        return out.toByteArray();
    }

    /** One encoded row and where it came from. */
    private record Row(ConsumerRecord<byte[], byte[]> source, byte[] bytes, String region, Optional<String> appId,
            String order) {}
}
