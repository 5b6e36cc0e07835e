package dev.sieve.cli.dlq;

import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Keeps replay from bringing back what erasure removed. The sink stores whatever a purpose topic holds: the
 * anonymize stage, which suppresses erased subjects, is behind it, and the sink's follow-up sweep only covers
 * records that reach it within the purpose topics' retention. A sink dead letter may be older than that, so a
 * record whose subject or device has been erased since (every entry of the erasure list,
 * {@code sieve.control.erasure}, read to its end) is not replayed.
 *
 * <p>The list names no one: each entry carries the keyed hashes ({@link ErasureListKey}) of every form a table
 * stores the identifier in (raw, and the purposes' pseudonyms of the key epochs in retention when the erasure was
 * filed). A row is recognized by hashing the values of its identifier columns the same way.
 */
final class ErasedSubjects implements ReplayGuard {

    private final TableCatalog catalog;
    private final ErasureListKey erasureList;
    private final Set<String> erasedFormHashes;

    ErasedSubjects(TableCatalog catalog, ErasureListKey erasureList, Set<String> erasedFormHashes) {
        this.catalog = catalog;
        this.erasureList = erasureList;
        this.erasedFormHashes = Set.copyOf(erasedFormHashes);
    }

    /** Every form hash the erasure list holds now (the latest record per key). */
    static ErasedSubjects read(TopicRangeReader reader, TopicSpec<String, ErasedIdentifier> topic,
            TableCatalog catalog, ErasureListKey erasureList) {
        Map<String, ErasedIdentifier> latest = new LinkedHashMap<>();
        List<TopicPartition> partitions = reader.partitions(topic.name());
        Map<TopicPartition, Long> beginnings = reader.beginnings(partitions);
        Map<TopicPartition, Long> ends = reader.ends(partitions);
        for (TopicPartition p : partitions) {
            reader.read(p, beginnings.get(p), ends.get(p), (records, reached) -> {
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String key = topic.keySerde().deserializer().deserialize(topic.name(), r.key());
                    if (r.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
                    }
                }
            });
        }
        Set<String> hashes = new HashSet<>();
        latest.values().forEach(entry -> entry.getFormHashes().forEach(h -> hashes.add(h.toString())));
        return new ErasedSubjects(catalog, erasureList, hashes);
    }

    @Override
    public Optional<String> refuse(String topic, byte[] value) {
        Optional<TableLayout> table = catalog.tableForTopic(topic);
        if (table.isEmpty() || erasedFormHashes.isEmpty() || value == null) {
            return Optional.empty();
        }
        GenericRecord row;
        try {
            row = catalog.topic(table.get()).valueSerde().deserializer().deserialize(topic, value);
        } catch (SerializationException e) {
            // The sink cannot read it either: it will be a dead letter again, never a row.
            return Optional.empty();
        }
        for (Column column : table.get().identifierColumns()) {
            Object stored = row.get(column.name());
            if (stored != null && erasedFormHashes.contains(erasureList.hash(stored.toString()))) {
                return Optional.of("its subject or device has been erased since (" + table.get().name() + ")");
            }
        }
        return Optional.empty();
    }
}
