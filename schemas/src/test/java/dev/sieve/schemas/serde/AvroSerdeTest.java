package dev.sieve.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.OlderProducer;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    @Test
    void everyFamilyRoundTripsWithEveryFieldIntact() {
        assertRoundTrip(DeviceEvent.class, SampleEvents.device());
        assertRoundTrip(SoftwareEvent.class, SampleEvents.software());
        assertRoundTrip(IpEvent.class, SampleEvents.ip());
        assertRoundTrip(ServiceLogEvent.class, SampleEvents.serviceLog());
        assertRoundTrip(CommunicationLogEvent.class, SampleEvents.communicationLog());
    }

    @Test
    void writesAvroSingleObjectEncodingWithTheCurrentSchemaFingerprint() {
        byte[] bytes = AvroSerde.of(DeviceEvent.class).serializer().serialize("t", SampleEvents.device());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(DeviceEvent.getClassSchema()));
    }

    @Test
    void writesTheBytesOfAvrosOwnSingleObjectEncoderAndReadsThem() throws Exception {
        assertSameBytesAsAvro(DeviceEvent.class, SampleEvents.device());
        assertSameBytesAsAvro(SoftwareEvent.class, SampleEvents.software());
        assertSameBytesAsAvro(IpEvent.class, SampleEvents.ip());
        assertSameBytesAsAvro(ServiceLogEvent.class, SampleEvents.serviceLog());
        assertSameBytesAsAvro(CommunicationLogEvent.class, SampleEvents.communicationLog());
    }

    @Test
    void readsARecordWrittenWithVersionOneOfTheDeviceSchema() throws Exception {
        List<Schema> released = SchemaHistory.versions(DeviceEvent.getClassSchema());
        Schema v1 = released.get(0);
        assertThat(v1.getField("network_type")).as("v1 predates network_type").isNull();
        DeviceEvent current = SampleEvents.device();

        byte[] writtenByV1Producer = OlderProducer.encode(v1, current);
        DeviceEvent read = AvroSerde.of(DeviceEvent.class).deserializer().deserialize("sieve.raw.device",
                writtenByV1Producer);

        current.setNetworkType(null); // the one field v1 did not have takes its default
        assertThat(read).isEqualTo(current);
    }

    @Test
    void unknownWriterSchemaIsAClearErrorWithoutPayload() throws Exception {
        Schema unreleased = new Schema.Parser().parse(DeviceEvent.getClassSchema().toString()
                .replace("\"name\":\"network_type\"", "\"name\":\"radio\""));
        byte[] bytes = OlderProducer.encode(unreleased, SampleEvents.device());
        long fingerprint = SchemaNormalization.parsingFingerprint64(unreleased);

        assertThatThrownBy(() -> AvroSerde.of(DeviceEvent.class).deserializer().deserialize("sieve.raw.device", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("cannot read dev.sieve.schemas.event.DeviceEvent from topic sieve.raw.device: written with"
                        + " a schema this reader does not know; release it in the schema history (Cannot resolve"
                        + " schema for fingerprint: " + fingerprint + ")");
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreRejected() {
        assertThatThrownBy(() -> AvroSerde.of(IpEvent.class).deserializer().deserialize("sieve.raw.ip",
                "{\"ip_address\":\"10.0.0.1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("cannot read dev.sieve.schemas.event.IpEvent from topic sieve.raw.ip: not in Avro"
                        + " single-object encoding (no C3 01 marker)")
                .hasMessageNotContaining("10.0.0.1");
    }

    @Test
    void truncatedBodyIsACorruptRecord() {
        byte[] full = AvroSerde.of(IpEvent.class).serializer().serialize("t", SampleEvents.ip());
        byte[] cut = Arrays.copyOf(full, 14);
        assertThatThrownBy(() -> AvroSerde.of(IpEvent.class).deserializer().deserialize("sieve.raw.ip", cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("cannot read dev.sieve.schemas.event.IpEvent from topic sieve.raw.ip: corrupt"
                        + " record body (");
    }

    @Test
    void missingRequiredFieldNamesTheFieldNotTheValues() {
        DeviceEvent broken = SampleEvents.device();
        broken.setDeviceModel(null);
        assertThatThrownBy(() -> AvroSerde.of(DeviceEvent.class).serializer().serialize("sieve.raw.device", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot write dev.sieve.schemas.event.DeviceEvent to topic sieve.raw.device:")
                .hasMessageContaining("device_model")
                .hasMessageNotContaining("356938035643809");
    }

    @Test
    void nullPassesThroughForTombstones() {
        AvroSerde<DeviceEvent> serde = AvroSerde.of(DeviceEvent.class);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    private static <T extends SpecificRecord> void assertSameBytesAsAvro(Class<T> type, T event) throws Exception {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        ByteBuffer avro = new BinaryMessageEncoder<T>(model, schema).encode(event);
        byte[] expected = Arrays.copyOfRange(avro.array(), avro.arrayOffset() + avro.position(),
                avro.arrayOffset() + avro.limit());
        AvroSerde<T> serde = AvroSerde.of(type);
        byte[] bytes = serde.serializer().serialize("t", event);
        assertThat(bytes).isEqualTo(expected);
        assertThat(serde.deserializer().deserialize("t", expected)).isEqualTo(event);
        assertThat(new BinaryMessageDecoder<T>(model, schema).decode(bytes)).isEqualTo(event);
    }

    private static <T extends SpecificRecord> void assertRoundTrip(Class<T> type, T event) {
        AvroSerde<T> serde = AvroSerde.of(type);
        byte[] bytes = serde.serializer().serialize("t", event);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(event);
    }
}
