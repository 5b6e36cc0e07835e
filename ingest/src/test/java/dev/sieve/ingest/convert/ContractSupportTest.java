package dev.sieve.ingest.convert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.EventFamily;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The collector's assumptions about the contract, checked against the contract. */
class ContractSupportTest {

    @Test
    void theConverterReadsEveryTypeTheContractUses() {
        for (EventFamily family : EventFamily.values()) {
            JsonToAvro.checkSupported(family.schema(), family.id());
        }
    }

    @Test
    void aTypeTheConverterCannotReadIsNamedAtStartUp() {
        Schema withBoolean = SchemaBuilder.record("R").fields().requiredBoolean("flag").endRecord();
        assertThatThrownBy(() -> JsonToAvro.checkSupported(withBoolean, "device"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("device.flag: Avro type BOOLEAN is not supported by the collector's JSON reader");
    }
}
