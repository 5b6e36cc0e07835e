package dev.sieve.cli.dlq;

import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import java.util.ArrayList;
import java.util.HashMap;
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
 * record whose subject or device has been erased since (every request on {@code sieve.control.erasure}, read to
 * its end) is not replayed. Identifiers are compared in the form the table stores them: raw, or the purpose's
 * pseudonyms under every key epoch in retention ({@link SubjectIdentifiers}, as erasure itself does).
 */
final class ErasedSubjects implements ReplayGuard {

    private final TableCatalog catalog;
    private final SubjectIdentifiers identifiers;
    private final List<Subject> erased;
    private final Map<String, Map<String, Set<String>>> formsByTable = new HashMap<>();

    ErasedSubjects(TableCatalog catalog, SubjectIdentifiers identifiers, List<Subject> erased) {
        this.catalog = catalog;
        this.identifiers = identifiers;
        this.erased = List.copyOf(erased);
    }

    /** Every subject or device the erasure topic holds a request for now (the latest record per key). */
    static ErasedSubjects read(TopicRangeReader reader, TopicSpec<String, ErasureRequest> topic, TableCatalog catalog,
            SubjectIdentifiers identifiers) {
        Map<String, ErasureRequest> latest = new LinkedHashMap<>();
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
        List<Subject> subjects = new ArrayList<>();
        for (ErasureRequest request : latest.values()) {
            if (request.getSubjectId() != null || request.getDeviceId() != null) {
                subjects.add(new Subject(Optional.ofNullable(request.getSubjectId()),
                        Optional.ofNullable(request.getDeviceId())));
            }
        }
        return new ErasedSubjects(catalog, identifiers, subjects);
    }

    @Override
    public Optional<String> refuse(String topic, byte[] value) {
        Optional<TableLayout> table = catalog.tableForTopic(topic);
        if (table.isEmpty() || erased.isEmpty() || value == null) {
            return Optional.empty();
        }
        GenericRecord row;
        try {
            row = catalog.topic(table.get()).valueSerde().deserializer().deserialize(topic, value);
        } catch (SerializationException e) {
            // The sink cannot read it either: it will be a dead letter again, never a row.
            return Optional.empty();
        }
        for (Map.Entry<String, Set<String>> column : forms(table.get()).entrySet()) {
            Object stored = row.get(column.getKey());
            if (stored != null && column.getValue().contains(stored.toString())) {
                return Optional.of("its subject or device has been erased since (" + table.get().name() + ")");
            }
        }
        return Optional.empty();
    }

    /** Every erased subject's identifier forms in each identifier column of the table, computed once per table. */
    private Map<String, Set<String>> forms(TableLayout table) {
        return formsByTable.computeIfAbsent(table.name(), name -> {
            Map<String, Set<String>> out = new HashMap<>();
            for (Subject s : erased) {
                for (Map.Entry<Column, Set<String>> e : identifiers.forTable(table, s).entrySet()) {
                    out.computeIfAbsent(e.getKey().name(), c -> new HashSet<>()).addAll(e.getValue());
                }
            }
            return out;
        });
    }
}
