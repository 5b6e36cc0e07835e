package dev.sieve.schemas.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PurposeSchemasTest {

    private static Policy policy;

    @BeforeAll
    static void load() throws Exception {
        policy = PolicyLoader.loadDefault();
    }

    @Test
    void layoutHasExactlyTheKeptFieldsTypedByTheirAction() {
        Purpose analytics = policy.purpose("analytics").orElseThrow();
        Schema s = PurposeSchemas.of(analytics, analytics.family(EventFamily.IP).orElseThrow());
        assertThat(s.getFullName()).isEqualTo("dev.sieve.purpose.analytics_ip");
        assertThat(s.getFields()).extracting(Schema.Field::name).containsExactly("event_id", "event_time", "app_id",
                "region", "device_id", "ip_address", "geo_country", "connection_type");
        assertThat(s.getField("event_time").schema().toString())
                .isEqualTo("[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}]");
        assertThat(s.getField("device_id").getProp(PurposeSchemas.PROP_ACTION)).isEqualTo("pseudonymize");
        assertThat(s.getField("device_id").getProp(PurposeSchemas.PROP_PRIVACY)).isEqualTo("direct_identifier");
        assertThat(s.getField("ip_address").getProp(PurposeSchemas.PROP_ACTION)).isEqualTo("truncate_ip");
        assertThat(s.getField("ip_address").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void keptEnumsAndBucketedNumbersKeepTheirType() {
        Purpose analytics = policy.purpose("analytics").orElseThrow();
        Schema log = PurposeSchemas.of(analytics, analytics.family(EventFamily.SERVICE_LOG).orElseThrow());
        assertThat(log.getField("action").schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.ENUM);
        assertThat(log.getField("duration_ms").schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.LONG);
    }

    @Test
    void serdeRoundTripsAGenericRecord() {
        Purpose analytics = policy.purpose("analytics").orElseThrow();
        Schema s = PurposeSchemas.of(analytics, analytics.family(EventFamily.IP).orElseThrow());
        GenericRecord r = new GenericRecordBuilder(s).set("event_id", "e1").set("ip_address", "203.0.113.0")
                .set("event_time", 1_764_403_200_000L).build();
        PurposeSerde serde = new PurposeSerde(s);
        byte[] bytes = serde.serializer().serialize("t", r);
        GenericRecord back = serde.deserializer().deserialize("t", bytes);
        assertThat(GenericData.get().compare(back, r, s)).isZero();
        assertThat(back.get("device_id")).isNull();
    }

    @Test
    void aValueOfTheWrongTypeStillFailsToEncodeAndTheMessageNamesNoValue() {
        Purpose analytics = policy.purpose("analytics").orElseThrow();
        Schema s = PurposeSchemas.of(analytics, analytics.family(EventFamily.IP).orElseThrow());
        GenericRecord r = new GenericRecordBuilder(s).set("event_id", "e1").set("event_time", "secret-text").build();

        assertThatThrownBy(() -> new PurposeSerde(s).serializer().serialize("t", r))
                .isInstanceOf(SerializationException.class)
                .hasMessage("cannot write dev.sieve.purpose.analytics_ip to topic t: ClassCastException (a field has"
                        + " the wrong type)");
    }
}
