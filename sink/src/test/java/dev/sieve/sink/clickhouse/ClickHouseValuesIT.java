package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.ColumnType;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.TimeWindow;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stored values of a column through the real engine: every distinct value once, with its count, in pages. */
class ClickHouseValuesIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final SchemaOptions DB = SchemaOptions.single("sieve_values");
    static TableCatalog catalog;
    static TableLayout text;
    static TableLayout array;

    @BeforeAll
    static void fill() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        text = catalog.table("security_ip").orElseThrow();
        array = catalog.tables().stream().filter(t -> t.holdsRawIdentifiers() && t.columns().stream()
                .anyMatch(c -> c.type() == ColumnType.ARRAY_STRING && !c.pseudonym())).findFirst().orElseThrow();
        Migrations.statements(catalog, DB).forEach(CLICKHOUSE::execute);
        PurposeRows rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        BatchWriter writer = new BatchWriter(catalog, Stores.of(catalog, DB, Map.of("cn-north",
                new EngineGateway(CLICKHOUSE), "eu-west", new EngineGateway(CLICKHOUSE))),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        for (TableLayout t : List.of(text, array)) {
            List<GenericRecord> north = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // subjects s0, s1, s2 twice each: one an hour ago, one two days ago
                north.add(rows.row(t, i, NOW.minus(i < 3 ? Duration.ofHours(1) : Duration.ofDays(2)), "s" + (i % 3),
                        "d" + i, "cn-north"));
            }
            writer.write(Batches.of(catalog, t, 0, 0, north, "cn-north"));
            writer.write(Batches.of(catalog, t, 1, 0, List.of(rows.row(t, 9, NOW, "s9", "d9", "eu-west")), "eu-west"));
        }
    }

    private static Map<String, Long> values(long page, String region, TableLayout t, String column,
            Optional<TimeWindow> window) {
        Map<String, Long> out = new TreeMap<>();
        new ClickHouseValues(region, new EngineGateway(CLICKHOUSE), DB, page)
                .forEach(t, t.column(column).orElseThrow(), window, (v, n) -> assertThat(out.put(v, n)).isNull());
        return out;
    }

    @Test
    void everyDistinctValueOfTheRegionOnceWithHowOftenItIsStored() {
        Map<String, Long> expected = Map.of("s0", 2L, "s1", 2L, "s2", 2L);

        assertThat(values(ClickHouseValues.PAGE, "cn-north", text, "subject_id", Optional.empty()))
                .isEqualTo(expected);
        assertThat(values(1, "cn-north", text, "subject_id", Optional.empty())).as("one value per page")
                .isEqualTo(expected);
        assertThat(values(ClickHouseValues.PAGE, "eu-west", text, "subject_id", Optional.empty()))
                .isEqualTo(Map.of("s9", 1L));
    }

    @Test
    void onlyRowsWhoseTimeLiesInTheWindow() {
        TimeWindow lastDay = new TimeWindow(NOW.minus(Duration.ofDays(1)), NOW);

        assertThat(values(ClickHouseValues.PAGE, "cn-north", text, "subject_id", Optional.of(lastDay)))
                .isEqualTo(Map.of("s0", 1L, "s1", 1L, "s2", 1L));
    }

    @Test
    void anArrayColumnGivesItsElements() {
        String column = array.columns().stream().filter(c -> c.type() == ColumnType.ARRAY_STRING && !c.pseudonym())
                .findFirst().orElseThrow().name();

        assertThat(values(2, "cn-north", array, column, Optional.empty()))
                .containsEntry("app-x", 6L).containsEntry("app-0", 1L).hasSize(7);
    }

    @Test
    void aColumnThatIsNotTextIsRefused() {
        Column time = text.timeColumn();
        ClickHouseValues values = new ClickHouseValues("cn-north", new EngineGateway(CLICKHOUSE), DB);

        assertThatThrownBy(() -> values.forEach(text, time, Optional.empty(), (v, n) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column event_time is not a text column of table security_ip");
    }
}
