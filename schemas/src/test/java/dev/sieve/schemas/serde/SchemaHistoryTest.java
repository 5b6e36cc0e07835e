package dev.sieve.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.event.DeviceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The build's compatibility gate: every record Sieve puts on Kafka must be released in the schema history
 * and able to read every version released before it.
 */
class SchemaHistoryTest {

    static Stream<Schema> recordsOnKafka() {
        List<Schema> schemas = new ArrayList<>();
        for (EventFamily f : EventFamily.values()) {
            schemas.add(f.schema());
        }
        schemas.add(ConsentState.getClassSchema());
        schemas.add(ErasureRequest.getClassSchema());
        schemas.add(ErasedIdentifier.getClassSchema());
        schemas.add(RetentionChange.getClassSchema());
        schemas.add(PeriodSalt.getClassSchema());
        schemas.add(PurposeQuarantine.getClassSchema());
        return schemas.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsOnKafka")
    void currentSchemaIsReleasedAndReadsEveryReleasedVersion(Schema current) {
        List<Schema> released = SchemaHistory.versions(current);
        assertThat(released).as("released versions of " + current.getFullName()).isNotEmpty();
        assertThat(SchemaHistory.problems(current, released)).isEmpty();
    }

    @Test
    void deviceSchemaHasThreeReleasedVersions() {
        assertThat(SchemaHistory.versions(DeviceEvent.getClassSchema())).hasSize(3);
    }

    @Test
    void addingARequiredFieldIsReportedAsIncompatible() {
        Schema withRequired = edit(DeviceEvent.getClassSchema(),
                "{\"name\":\"os_name\"", "{\"name\":\"chipset\",\"type\":\"string\"},{\"name\":\"os_name\"");
        List<String> problems = SchemaHistory.problems(withRequired, SchemaHistory.versions(DeviceEvent.getClassSchema()));

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("dev.sieve.schemas.event.DeviceEvent cannot read records written with"
                + " released version 1: [READER_FIELD_MISSING_DEFAULT_VALUE at /fields/");
        assertThat(problems.get(1)).startsWith("dev.sieve.schemas.event.DeviceEvent cannot read records written with"
                + " released version 2: [READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(problems.get(2)).startsWith("dev.sieve.schemas.event.DeviceEvent cannot read records written with"
                + " released version 3: [READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(problems.get(3)).isEqualTo("dev.sieve.schemas.event.DeviceEvent has changed since its last released"
                + " version: add it as schema-history/dev.sieve.schemas.event.DeviceEvent/v4.avsc under"
                + " schemas/src/main/resources (its full JSON, Schema.toString(true))");
    }

    @Test
    void addingAnOptionalFieldOnlyNeedsReleasing() {
        Schema withOptional = edit(DeviceEvent.getClassSchema(), "{\"name\":\"os_name\"",
                "{\"name\":\"chipset\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"os_name\"");
        assertThat(SchemaHistory.problems(withOptional, SchemaHistory.versions(DeviceEvent.getClassSchema())))
                .containsExactly("dev.sieve.schemas.event.DeviceEvent has changed since its last released version:"
                        + " add it as schema-history/dev.sieve.schemas.event.DeviceEvent/v4.avsc under"
                        + " schemas/src/main/resources (its full JSON, Schema.toString(true))");
    }

    private static Schema edit(Schema schema, String find, String replace) {
        String json = schema.toString();
        assertThat(json).contains(find);
        return new Schema.Parser().parse(json.replace(find, replace));
    }
}
