package dev.sieve.ingest.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.EventFamily;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The collector's assumptions about the contract, checked against the contract. */
class ContractSupportTest {

    /** A renamed contract field would otherwise silently stop being protected. */
    @Test
    void everyPipelineFieldIsAFieldOfTheContract() {
        for (String name : PipelineFields.NAMES) {
            assertThat(Arrays.stream(EventFamily.values()).anyMatch(f -> f.field(name).isPresent()))
                    .as(name).isTrue();
        }
    }

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
