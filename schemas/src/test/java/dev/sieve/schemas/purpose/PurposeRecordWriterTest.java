package dev.sieve.schemas.purpose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class PurposeRecordWriterTest {

    @Test
    void writesExactlyTheBytesAvrosGenericWriterWritesForEveryLayoutOfTheDefaultPolicy() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Random random = new Random(7);
        int layouts = 0;
        for (Purpose purpose : policy.purposes().values()) {
            for (FamilyRule rule : purpose.families().values()) {
                Schema schema = PurposeSchemas.of(purpose, rule);
                layouts++;
                for (int n = 0; n < 50; n++) {
                    GenericRecord r = record(schema, random);
                    assertThat(bytes(new PurposeRecordWriter(schema, GenericData.get()), r))
                            .as("%s, record %s", schema.getName(), n)
                            .isEqualTo(bytes(new GenericDatumWriter<>(schema, GenericData.get()), r));
                }
            }
        }
        assertThat(layouts).isGreaterThan(20);
    }

    @Test
    void aPurposeSerdeWritesAvrosSingleObjectBytesAndReadsThemBack() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Random random = new Random(11);
        for (Purpose purpose : policy.purposes().values()) {
            for (FamilyRule rule : purpose.families().values()) {
                Schema schema = PurposeSchemas.of(purpose, rule);
                PurposeSerde serde = new PurposeSerde(schema);
                for (int n = 0; n < 20; n++) {
                    GenericRecord r = record(schema, random);
                    ByteBuffer avro = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(r);
                    byte[] bytes = serde.serializer().serialize("t", r);
                    assertThat(ByteBuffer.wrap(bytes)).as("%s, record %s", schema.getName(), n).isEqualTo(avro);
                    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(r);
                }
            }
        }
    }

    /** Each field null or a value of its type, non-ASCII text and long arrays included. */
    private static GenericRecord record(Schema schema, Random random) {
        GenericData.Record r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            Schema t = f.schema().getTypes().get(1);
            r.put(f.pos(), random.nextInt(4) == 0 ? null : value(t, random));
        }
        return r;
    }

    private static Object value(Schema t, Random random) {
        return switch (t.getType()) {
            case STRING -> text(random);
            case LONG -> random.nextLong() >> random.nextInt(64);
            case INT -> random.nextInt() >> random.nextInt(32);
            case BOOLEAN -> random.nextBoolean();
            case ENUM -> new GenericData.EnumSymbol(t, t.getEnumSymbols().get(random.nextInt(t.getEnumSymbols()
                    .size())));
            case ARRAY -> {
                List<Object> items = new java.util.ArrayList<>();
                for (int i = random.nextInt(70); i > 0; i--) {
                    items.add(value(t.getElementType(), random));
                }
                yield items;
            }
            default -> throw new AssertionError("no value made for " + t);
        };
    }

    private static String text(Random random) {
        String[] parts = {"a", "é", "中文", "😀", "x".repeat(200), "", "m2026-12:abc"};
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            s.append(parts[random.nextInt(parts.length)]);
        }
        return s.toString();
    }

    private static <T> byte[] bytes(DatumWriter<T> writer, T datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
