package dev.sieve.anonymize.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.pseudonym.TestSalts;
import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import dev.sieve.schemas.serde.AvroSerde;
import dev.sieve.schemas.topic.Topics;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class StoreSaltsTest {

    private static final Rotation.Period DECEMBER = Rotation.MONTH.periodOf(Instant.parse("2026-12-05T00:00:00Z"));

    @Test
    void servesTheStoresSaltsAndForgetsAChangedKey() {
        KeyValueStore<String, PeriodSalt> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
                Serdes.String(), AvroSerde.of(PeriodSalt.class)).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        StoreSalts salts = new StoreSalts();
        String key = Topics.saltKey("analytics", DECEMBER.id());
        store.put(key, TestSalts.salt("analytics", DECEMBER));
        assertThat(salts.salt("analytics", DECEMBER.id())).as("before a processor binds the store").isEmpty();

        salts.bind(store);
        assertThat(salts.salt("analytics", DECEMBER.id())).contains(TestSalts.key("analytics", DECEMBER));
        store.put(Topics.saltKey("analytics", DECEMBER.next().id()), TestSalts.salt("analytics", DECEMBER.next()));
        store.put(Topics.saltKey("advertising", DECEMBER.id()), TestSalts.salt("advertising", DECEMBER));
        assertThat(salts.live("analytics")).extracting(PseudonymKey::id).containsExactly("m2026-12", "m2027-01");

        store.delete(key);
        assertThat(salts.salt("analytics", DECEMBER.id())).as("decoded copy kept until told").isPresent();
        salts.forget(key);
        assertThat(salts.salt("analytics", DECEMBER.id())).isEmpty();
    }
}
