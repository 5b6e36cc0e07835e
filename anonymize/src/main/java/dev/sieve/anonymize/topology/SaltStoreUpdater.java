package dev.sieve.anonymize.topology;

import dev.sieve.schemas.control.PeriodSalt;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the salt store equal to the compacted salt topic (latest salt per key; a tombstone destroys it) and
 * tells {@link StoreSalts} which key changed, so no decoded copy of a destroyed salt outlives it.
 */
final class SaltStoreUpdater implements Processor<String, PeriodSalt, Void, Void> {

    private final StoreSalts salts;
    private KeyValueStore<String, PeriodSalt> store;

    SaltStoreUpdater(StoreSalts salts) {
        this.salts = salts;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(AnonymizeTopology.SALT_STORE);
    }

    @Override
    public void process(Record<String, PeriodSalt> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        salts.forget(record.key());
    }
}
