package dev.sieve.streams;

import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to a compacted control topic: the latest value per key, tombstones delete.
 * The same rule compaction applies, so a restore from the topic yields the same store.
 */
public final class ControlStoreUpdater<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final Consumer<String> changed;
    private KeyValueStore<String, V> store;

    public ControlStoreUpdater(String storeName) {
        this(storeName, key -> { });
    }

    /** @param changed told each key whose value was replaced or deleted, after the store has it */
    public ControlStoreUpdater(String storeName, Consumer<String> changed) {
        this.storeName = storeName;
        this.changed = changed;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        changed.accept(record.key());
    }
}
