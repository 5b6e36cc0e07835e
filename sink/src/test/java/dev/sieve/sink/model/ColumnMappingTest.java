package dev.sieve.sink.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Granularity;
import dev.sieve.schemas.policy.IdentifierForm;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.policy.action.FieldAction;
import dev.sieve.schemas.policy.action.GeneralizeAction;
import dev.sieve.schemas.policy.action.KeepAction;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import dev.sieve.schemas.policy.action.ScrubTextAction;
import dev.sieve.schemas.policy.action.TruncateIpAction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Column types follow what an action stores, not the action's name. */
class ColumnMappingTest {

    @Test
    void anAddressIsStoredAsAnAddressWhetherKeptOrTruncatedButItsPseudonymAsText() {
        assertThat(column(EventFamily.IP, "ip_address", new KeepAction(), IdentifierForm.RAW).type())
                .isEqualTo(ColumnType.IPV6);
        assertThat(column(EventFamily.IP, "ip_address", new TruncateIpAction(24, 48), IdentifierForm.PSEUDONYMOUS)
                .type()).isEqualTo(ColumnType.IPV6);
        Column pseudonym = column(EventFamily.IP, "ip_address", new PseudonymizeAction(Optional.empty()),
                IdentifierForm.PSEUDONYMOUS);
        assertThat(pseudonym.type()).isEqualTo(ColumnType.STRING);
        assertThat(pseudonym.pseudonym()).isTrue();
    }

    @Test
    void generalizedValuesKeepTheColumnTypeOfTheirKind() {
        assertThat(column(EventFamily.DEVICE, "os_version", GeneralizeAction.to(Granularity.MAJOR),
                IdentifierForm.PSEUDONYMOUS).type()).isEqualTo(ColumnType.LOW_CARDINALITY_STRING);
        assertThat(column(EventFamily.DEVICE, "event_time", GeneralizeAction.to(Granularity.HOUR),
                IdentifierForm.PSEUDONYMOUS).type()).isEqualTo(ColumnType.DATETIME64);
        assertThat(column(EventFamily.DEVICE, "battery_level", GeneralizeAction.inBucketsOf(10),
                IdentifierForm.PSEUDONYMOUS).type()).isEqualTo(ColumnType.INT32);
        assertThat(column(EventFamily.SERVICE_LOG, "search_query", new ScrubTextAction(), IdentifierForm.PSEUDONYMOUS)
                .type()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void subjectIdentifiersAreFoundRawWhereKeptInRawPurposesAndAsPseudonymsWhereverPseudonymized() {
        assertThat(column(EventFamily.DEVICE, "device_id", new KeepAction(), IdentifierForm.RAW).identifier())
                .isEqualTo(IdentifierRole.RAW);
        assertThat(column(EventFamily.DEVICE, "device_id", new PseudonymizeAction(Optional.of(Rotation.MONTH)),
                IdentifierForm.PSEUDONYMOUS).identifier()).isEqualTo(IdentifierRole.PSEUDONYM);
        assertThat(column(EventFamily.DEVICE, "device_model", new KeepAction(), IdentifierForm.RAW).identifier())
                .isEqualTo(IdentifierRole.NONE);
    }

    private static Column column(EventFamily family, String field, FieldAction action, IdentifierForm form) {
        ContractField source = family.fields().get(field);
        return ColumnMapping.column(new FieldRule(field, action), source, form);
    }
}
