package dev.sieve.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventFamilyTest {

    @Test
    void thePipelineSetsReceiveTimeGeographyConsentAndDeviceClassAndNothingElse() {
        Set<String> pipelineSet = Arrays.stream(EventFamily.values()).flatMap(f -> f.fields().values().stream())
                .filter(ContractField::pipelineSet).map(ContractField::name).collect(Collectors.toSet());
        assertThat(pipelineSet).containsExactlyInAnyOrder("received_time", "geo_country", "geo_subdivision",
                "consented_purposes", "device_class");
    }

    @Test
    void envelopeFieldsComeFirstAndEveryFamilyHasThem() {
        for (EventFamily f : EventFamily.values()) {
            assertThat(f.fields().values().stream().limit(12).allMatch(ContractField::inEnvelope)).as(f.id()).isTrue();
            assertThat(f.fields().get("event_id").inEnvelope()).isTrue();
        }
    }

    @Test
    void everyFieldCarriesItsAvroTypeWithoutTheNullBranch() {
        Map<String, ContractField> device = EventFamily.DEVICE.fields();
        assertThat(device.get("battery_level").type().getType()).isEqualTo(org.apache.avro.Schema.Type.INT);
        assertThat(device.get("battery_level").optional()).isTrue();
        assertThat(device.get("device_model").optional()).isFalse();
        assertThat(EventFamily.SERVICE_LOG.fields().get("action").type().getType())
                .isEqualTo(org.apache.avro.Schema.Type.ENUM);
    }
}
