package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.UnencodableValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

class RowBinaryEncoderTest {

    private final TableCatalog catalog;

    RowBinaryEncoderTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
    }

    @Test
    void encodesColumnsInTableOrderAsRowBinary() throws Exception {
        TableLayout surveys = catalog.table("surveys_device").orElseThrow();
        var record = new GenericRecordBuilder(surveys.schema()).set("event_id", "e1").set("event_time", 1000L)
                .set("app_id", "app").set("region", "cn-north").set("subject_id", null).set("device_class", "tv")
                .build();

        byte[] row = new RowBinaryEncoder(surveys).encode(record, Instant.ofEpochMilli(258));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {2, 'e', '1'});                          // event_id String
        expected.writeBytes(new byte[] {(byte) 0xe8, 0x03, 0, 0, 0, 0, 0, 0});  // event_time: 1000 ms, Int64 LE
        expected.writeBytes(new byte[] {3, 'a', 'p', 'p'});                     // app_id LowCardinality(String)
        expected.write(8);
        expected.writeBytes("cn-north".getBytes(StandardCharsets.US_ASCII));   // region
        expected.write(1);                                                      // subject_id: NULL
        expected.writeBytes(new byte[] {0, 2, 't', 'v'});                       // device_class: not null, "tv"
        expected.writeBytes(new byte[] {2, 1, 0, 0, 0, 0, 0, 0});               // _ingested_at: 258 ms
        assertThat(row).isEqualTo(expected.toByteArray());
        assertThat(RowBinaryEncoder.columns(surveys)).containsExactly("event_id", "event_time", "app_id",
                "region", "subject_id", "device_class", "_ingested_at");
    }

    @Test
    void aValueThatDoesNotFitNamesTheColumnNotTheValue() {
        TableLayout ip = catalog.table("analytics_ip").orElseThrow();
        var record = new GenericRecordBuilder(ip.schema()).set("event_id", "e").set("event_time", 1L)
                .set("app_id", "a").set("region", "r").set("ip_address", "secret.host.example").build();
        assertThatThrownBy(() -> new RowBinaryEncoder(ip).encode(record, Instant.EPOCH))
                .isInstanceOf(UnencodableValue.class).hasMessage("column ip_address: not an IP address");

        var missing = new GenericRecordBuilder(ip.schema()).set("event_id", null).set("event_time", 1L)
                .set("app_id", "a").set("region", "r").build();
        assertThatThrownBy(() -> new RowBinaryEncoder(ip).encode(missing, Instant.EPOCH))
                .hasMessage("column event_id: null in a column that requires a value");
    }
}
