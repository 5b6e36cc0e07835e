package dev.sieve.cli.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.scan.AnonymizedRows;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.TestSalts;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.TimeWindow;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.testsupport.ClickHouseEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code incident scope} on rows the anonymizer's projections (rotating pseudonyms under live salts, the purposes'
 * key rings) and the sink's writer stored in the real engine: the leaked pseudonyms resolve to the people.
 */
class ScopeCommandIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    // the pseudonymous tables keep the event time to the hour or the day
    static final TimeWindow WINDOW = new TimeWindow(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    static final TimeWindow EARLIER = new TimeWindow(NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(8)));

    static SinkOperations sink;

    @BeforeAll
    static void fill() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        SchemaOptions db = SchemaOptions.single("sieve_incident");
        Migrations.statements(catalog, db).forEach(CLICKHOUSE::execute);
        RegionStores stores = Stores.of(catalog, db, Map.of("cn-north", new EngineGateway(CLICKHOUSE)));
        AnonymizedRows.write(catalog, stores, NOW, List.of("alice", "bob"));
        sink = new SinkOperations(catalog, db, () -> stores, () -> new SubjectIdentifiers(catalog,
                TestKeys.rings(catalog.policy()), TestSalts.current(catalog.policy(), NOW), CLOCK), CLOCK);
    }

    @AfterAll
    static void close() {
        sink.close();
    }

    private static String[] run(ScopeOutput.Format format, String purpose, TimeWindow window) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter summary = new StringWriter();
        new ScopeOutput(format).write(sink.incidentScopeOfPurpose(purpose, window), new PrintWriter(out, true),
                new PrintWriter(summary, true));
        return new String[] {out.toString(), summary.toString()};
    }

    @Test
    void thePseudonymsOfAPseudonymousPurposeResolveToThePeopleOnePerLine() throws Exception {
        String[] run = run(ScopeOutput.Format.jsonl, "analytics", WINDOW);

        assertThat(run[0].lines().toList()).containsExactlyInAnyOrder(
                "{\"region\":\"cn-north\",\"identifier\":\"device_id\",\"value\":\"alice-device\",\"tables\":"
                        + "[\"analytics_device\",\"analytics_software\",\"analytics_ip\",\"analytics_service_log\","
                        + "\"analytics_communication_log\"],\"rows\":5}",
                "{\"region\":\"cn-north\",\"identifier\":\"device_id\",\"value\":\"bob-device\",\"tables\":"
                        + "[\"analytics_device\",\"analytics_software\",\"analytics_ip\",\"analytics_service_log\","
                        + "\"analytics_communication_log\"],\"rows\":5}");
        assertThat(run[1]).isEqualTo("cn-north: 2 device_id affected\n");
    }

    @Test
    void csvWithAHeaderAndNoOneOutsideTheWindow() throws Exception {
        String[] run = run(ScopeOutput.Format.csv, "personalization", WINDOW);

        assertThat(run[0].lines().toList()).first().isEqualTo("region,identifier,value,tables,rows");
        assertThat(run[0].lines().skip(1).toList()).isNotEmpty().allSatisfy(l -> assertThat(l)
                .matches("cn-north,(subject_id,(alice|bob)|device_id,(alice|bob)-device),personalization_[a-z_;]+,\\d+"));
        assertThat(run[1]).doesNotContain("unresolved").doesNotContain("alice");

        String[] earlier = run(ScopeOutput.Format.csv, "personalization", EARLIER);
        assertThat(earlier[0]).isEqualTo("region,identifier,value,tables,rows\n");
        assertThat(earlier[1]).isEqualTo("no one affected\n");
    }
}
