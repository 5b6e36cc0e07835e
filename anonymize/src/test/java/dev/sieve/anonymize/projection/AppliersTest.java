package dev.sieve.anonymize.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.action.DropAction;
import org.junit.jupiter.api.Test;

class AppliersTest {

    @Test
    void everyRegisteredActionThatStoresSomethingHasAnApplier() {
        assertThat(Appliers.missing()).isEmpty();
    }

    @Test
    void anActionWithoutAnApplierStopsTheStageAtStartUpNamingTheAction() {
        ContractField source = EventFamily.DEVICE.fields().get("device_model");
        Appliers.Site site = new Appliers.Site(source, EventView.Position.of(EventFamily.DEVICE, source), source.type(), null,
                null);
        assertThatThrownBy(() -> Appliers.projector(new DropAction(), site)).isInstanceOf(IllegalStateException.class)
                .hasMessage("action drop has no applier in module anonymize");
    }
}
