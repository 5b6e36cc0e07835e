package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.KAnonymityMeasure;
import dev.sieve.sink.audit.Severity;
import dev.sieve.sink.audit.Unchecked;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                + " \\\"system.grants\\\"\"}],\"k_anonymity\":[]}\n");
    }

    @Test
    void kAnonymityIsOneLinePerTableAndInJsonCountsAndColumnNamesOnly() {
        AuditReport report = new AuditReport(List.of(), List.of(), List.of(
                new KAnonymityMeasure("cn-north", "sieve.analytics_software", List.of("event_time", "software_version"),
                        5, Duration.ofDays(365), Optional.of(new KAnonymityMeasure.Answer(
                                new KAnonymityMeasure.Counts(5, 2, 12, 0), Map.of("event_time", 12L)))),
                new KAnonymityMeasure("cn-north", "sieve.analytics_ip", List.of("event_time"), 5,
                        Duration.ofDays(30), Optional.empty())));

        assertThat(ReportFormat.TEXT.render(report)).isEqualTo("K cn-north sieve.analytics_software: k 5, minimum 5,"
                + " over event_time, software_version: 12 rows in 2 groups within 365d\n"
                + "K cn-north sieve.analytics_ip: no rows within 30d, k not measured (over event_time)\n"
                + "0 drifts (0 privacy), 0 notes\n");
        assertThat(ReportFormat.JSON.render(report)).isEqualTo("{\"drifts\":0,\"privacy\":0,\"notes\":0,"
                + "\"findings\":[],\"unchecked\":[],\"k_anonymity\":[{\"scope\":\"cn-north\",\"table\":"
                + "\"sieve.analytics_software\",\"status\":\"measured\",\"window\":\"365d\",\"columns\":"
                + "[\"event_time\",\"software_version\"],\"min_k\":5,\"k\":5,\"rows\":12,\"groups\":2,"
                + "\"rows_below_min_k\":0,\"k_without\":{\"event_time\":12}},{\"scope\":\"cn-north\","
                + "\"table\":\"sieve.analytics_ip\",\"status\":\"empty\",\"window\":\"30d\",\"columns\":"
                + "[\"event_time\"],\"min_k\":5}]}\n");
    }

    @Test
    void notesAloneAreClean() {
        AuditReport notes = new AuditReport(List.of(Finding.of(Severity.NOTE, "kafka", "sieve.raw.device",
                "fewer partitions than configured", "1", "3")), List.of());

        assertThat(notes.exitCode()).isZero();
        assertThat(notes.summary()).isEqualTo("0 drifts (0 privacy), 1 note");
    }
}
