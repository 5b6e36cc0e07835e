package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    static final AuditReport REPORT = new AuditReport(List.of(
            Finding.of(Severity.PRIVACY, "cn-north", "sieve.service_ip", "TTL longer than the policy's retention",
                    "30d", "7d"),
            Finding.of(Severity.ERROR, "cn-north", "sieve.surveys_device", "table missing"),
            Finding.of(Severity.NOTE, "kafka", "sieve.raw.device", "fewer partitions than configured", "1", "3")),
            List.of(new Unchecked("cn-north", "grants", "cannot read \"system.grants\"")));

    @Test
    void textIsOneLinePerFindingAndPerCheckNotRunThenTheSummary() {
        assertThat(ReportFormat.TEXT.render(REPORT)).isEqualTo("""
                DRIFT privacy cn-north sieve.service_ip: TTL longer than the policy's retention: live 30d, policy 7d
                DRIFT error cn-north sieve.surveys_device: table missing
                NOTE kafka sieve.raw.device: fewer partitions than configured: live 1, policy 3
                UNCHECKED cn-north grants: cannot read "system.grants"
                2 drifts (1 privacy), 1 note; not checked: grants in cn-north
                """);
        assertThat(REPORT.exitCode()).isEqualTo(1);
    }

    @Test
    void jsonIsOneObjectWithCountsFindingsAndChecksNotRun() {
        assertThat(ReportFormat.JSON.render(REPORT)).isEqualTo("{\"drifts\":2,\"privacy\":1,\"notes\":1,\"findings\":["
                + "{\"kind\":\"drift\",\"severity\":\"privacy\",\"scope\":\"cn-north\",\"object\":\"sieve.service_ip\","
                + "\"what\":\"TTL longer than the policy's retention\",\"live\":\"30d\",\"policy\":\"7d\"},"
                + "{\"kind\":\"drift\",\"severity\":\"error\",\"scope\":\"cn-north\",\"object\":\"sieve.surveys_device\","
                + "\"what\":\"table missing\",\"live\":null,\"policy\":null},"
                + "{\"kind\":\"note\",\"severity\":\"note\",\"scope\":\"kafka\",\"object\":\"sieve.raw.device\","
                + "\"what\":\"fewer partitions than configured\",\"live\":\"1\",\"policy\":\"3\"}],"
                + "\"unchecked\":[{\"scope\":\"cn-north\",\"check\":\"grants\",\"reason\":\"cannot read"
                + " \\\"system.grants\\\"\"}]}\n");
    }

    @Test
    void notesAloneAreClean() {
        AuditReport notes = new AuditReport(List.of(Finding.of(Severity.NOTE, "kafka", "sieve.raw.device",
                "fewer partitions than configured", "1", "3")), List.of());

        assertThat(notes.exitCode()).isZero();
        assertThat(notes.summary()).isEqualTo("0 drifts (0 privacy), 1 note");
    }
}
