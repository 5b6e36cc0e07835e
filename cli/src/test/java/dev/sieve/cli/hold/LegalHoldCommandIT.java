package dev.sieve.cli.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.cli.CliFailure;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.Hold;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.testsupport.ClickHouseEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code legal-hold add|list|remove}'s logic on the real ClickHouse engine, through the sink's hold tables. */
class LegalHoldCommandIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    final TableCatalog catalog;
    final SchemaOptions o = SchemaOptions.single("sieve_holds");
    final SubjectIdentifiers identifiers;
    final HoldRegister register;

    LegalHoldCommandIT() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        identifiers = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), Clock.fixed(NOW, ZoneOffset.UTC));
        register = new HoldRegister(new SinkOperations(catalog, o, () -> Stores.of(catalog, o, Map.of("cn-north",
                new EngineGateway(CLICKHOUSE))), () -> identifiers, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void addListAndRemoveAHold() throws Exception {
        Migrations.statements(catalog, o).forEach(CLICKHOUSE::execute);
        Subject alice = new Subject(Optional.of("alice-subject"), Optional.empty());

        register.add("case-7", alice, "legal@example", "court order 2026/17");

        List<HoldRegister.Listed> listed = register.list();
        assertThat(listed).containsExactly(new HoldRegister.Listed(new Hold("case-7", alice,
                "legal@example", NOW, "court order 2026/17"), List.of("cn-north")));
        assertThat(HoldRegister.incomplete(listed, List.of("cn-north"))).isEmpty();
        assertThat(HoldRegister.format(listed, false)).contains("subject (hidden)").doesNotContain("alice");
        assertThat(HoldRegister.format(listed, true)).contains("subject alice-subject");
        // the hold covers every stored form of the subject: raw, and each purpose's pseudonyms under every key
        assertThat(CLICKHOUSE.rows("SELECT count() FROM sieve_holds.sink_legal_hold_identifiers WHERE hold_id = 'case-7'"))
                .containsExactly(List.of(Integer.toString(identifiers.everyForm(alice).size())));

        assertThatThrownBy(() -> register.add("case-7", new Subject(Optional.empty(),
                Optional.of("bob-device")), "legal@example", "another case"))
                .isInstanceOf(CliFailure.class).hasMessage("legal hold case-7 already exists (in cn-north): choose"
                        + " another --id, or remove it first");
        assertThat(register.list()).hasSize(1);

        register.remove("case-7", "legal@example", "case closed");

        assertThat(register.list()).isEmpty();
        assertThat(HoldRegister.format(register.list(), false)).isEqualTo("no legal holds in force\n");
        assertThat(CLICKHOUSE.rows("SELECT event, actor, reason FROM sieve_holds.sink_legal_hold_audit"
                + " WHERE hold_id = 'case-7' ORDER BY event DESC")).containsExactly(
                List.of("placed", "legal@example", "court order 2026/17"),
                List.of("lifted", "legal@example", "case closed"));

        assertThatThrownBy(() -> register.remove("case-7", "legal@example", "again"))
                .isInstanceOf(CliFailure.class)
                .hasMessage("no legal hold case-7 is in force; see sieve legal-hold list");
        assertThat(CLICKHOUSE.rows("SELECT count() FROM sieve_holds.sink_legal_hold_audit WHERE hold_id = 'case-7'"))
                .as("a refused lift is not audited").containsExactly(List.of("2"));
    }
}
