package dev.sieve.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectAccess;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code export}'s logic on rows the sink's writer stored in the real ClickHouse engine, under two key epochs. */
class ExportCommandIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final List<String> TABLES = List.of("service_device", "security_ip", "personalization_device",
            "analytics_device");

    static TableCatalog catalog;
    static final SchemaOptions NORTH = SchemaOptions.single("sieve_export");
    static RegionStores endpoints;

    @BeforeAll
    static void fill() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        endpoints = Stores.of(catalog, NORTH, Map.of("cn-north", new EngineGateway(CLICKHOUSE)));
        Migrations.statements(catalog, NORTH).forEach(CLICKHOUSE::execute);
        PurposeRows rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        BatchWriter writer = new BatchWriter(catalog, endpoints,
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(), CLOCK);
        for (String name : TABLES) {
            TableLayout t = catalog.table(name).orElseThrow();
            // rows of the previous key epoch are older than some tables' retention: keep the TTL from them
            CLICKHOUSE.execute("SYSTEM STOP TTL MERGES " + NORTH.qualified(name));
            List<GenericRecord> batch = new ArrayList<>();
            int i = 0;
            for (String who : List.of("alice", "bob")) {
                for (Instant at : List.of(NOW.minus(Duration.ofDays(1)), TestKeys.EPOCH_2.minus(Duration.ofDays(1)))) {
                    batch.add(rows.row(t, i++, at, who + "-subject", who + "-device", "cn-north"));
                }
            }
            writer.write(Batches.of(catalog, t, 0, 0, batch, "cn-north"));
        }
    }

    private static String export(Subject subject, SubjectAccess.Summary[] summary) throws Exception {
        return export(subject, Optional.empty(), summary);
    }

    private static String export(Subject subject, Optional<String> app, SubjectAccess.Summary[] summary)
            throws Exception {
        SubjectAccess access = new SubjectAccess(catalog, endpoints,
                new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), CLOCK));
        StringWriter out = new StringWriter();
        summary[0] = access.exportTo(subject, app, out);
        return out.toString();
    }

    @Test
    void anAppsExportHoldsExactlyTheSubjectsRowsOfThatApp() throws Exception {
        Subject alice = new Subject(Optional.of("alice-subject"), Optional.empty());
        SubjectAccess.Summary[] all = new SubjectAccess.Summary[1];
        List<String> everyApp = export(alice, all).lines().toList();
        SubjectAccess.Summary[] one = new SubjectAccess.Summary[1];
        List<String> ofApp = export(alice, Optional.of("app-0"), one).lines().toList();

        assertThat(ofApp).isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"app_id\":\"app-0\""))
                .isEqualTo(everyApp.stream().filter(l -> l.contains("\"app_id\":\"app-0\"")).toList());
        assertThat(ofApp.size()).isLessThan(everyApp.size());
        assertThat(one[0].rows()).isEqualTo(ofApp.size());
    }

    @Test
    void everyStoredRowOfTheSubjectAndNoOneElsesAsJsonLines() throws Exception {
        SubjectAccess.Summary[] summary = new SubjectAccess.Summary[1];

        String text = export(new Subject(Optional.of("alice-subject"), Optional.empty()), summary);

        // the subject id is kept raw by service and security, pseudonymized (two key epochs) by personalization;
        // analytics keeps only the device
        Map<String, Integer> perTable = new LinkedHashMap<>();
        text.lines().forEach(l -> {
            assertThat(l).startsWith("{\"region\":\"cn-north\",\"table\":\"").endsWith("}}");
            perTable.merge(l.replaceAll("^\\{\"region\":\"cn-north\",\"table\":\"([a-z_]+)\".*", "$1"), 1,
                    Integer::sum);
        });
        assertThat(perTable).containsOnly(Map.entry("service_device", 2), Map.entry("security_ip", 2),
                Map.entry("personalization_device", 2));
        assertThat(text.lines().filter(l -> l.contains("\"table\":\"service_device\"")))
                .allSatisfy(l -> assertThat(l).contains(",\"row\":{\"").contains("\"subject_id\":\"alice-subject\""));
        assertThat(text.lines().filter(l -> l.contains("\"table\":\"personalization_device\"")))
                .anySatisfy(l -> assertThat(l).contains("\"subject_id\":\"e1:"))
                .anySatisfy(l -> assertThat(l).contains("\"subject_id\":\"e2:"));
        assertThat(text).doesNotContain("bob");
        assertThat(summary[0]).isEqualTo(new SubjectAccess.Summary(6, 3, 1));
    }

    @Test
    void aDeviceIsFoundInTheTablesThatKeepOnlyTheDevice() throws Exception {
        SubjectAccess.Summary[] summary = new SubjectAccess.Summary[1];

        String text = export(new Subject(Optional.empty(), Optional.of("bob-device")), summary);

        assertThat(text).contains("\"table\":\"analytics_device\"").doesNotContain("alice");
        assertThat(summary[0].rows()).isEqualTo(text.lines().count()).isPositive();
    }

    @Test
    void someoneWithNoStoredRowsGetsAnEmptyExport() throws Exception {
        SubjectAccess.Summary[] summary = new SubjectAccess.Summary[1];

        assertThat(export(new Subject(Optional.of("nobody"), Optional.empty()), summary)).isEmpty();
        assertThat(summary[0]).isEqualTo(new SubjectAccess.Summary(0, 0, 0));
    }
}
