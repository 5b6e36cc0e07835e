package dev.sieve.cli.audit;

import dev.sieve.runtime.JsonText;
import dev.sieve.schemas.policy.Durations;
import dev.sieve.sink.audit.KAnonymityMeasure;
import java.util.List;

/** How {@code sieve audit} prints its report: lines for people and logs, one JSON object for machines. */
public enum ReportFormat {

    /**
     * One line per finding (grouped by scope), one per table's k-anonymity, one per check not run, then the
     * summary line.
     */
    TEXT {
        @Override
        public String render(AuditReport report) {
            StringBuilder out = new StringBuilder();
            report.findings().forEach(f -> out.append(f.line()).append('\n'));
            report.kAnonymity().forEach(k -> out.append(k.line()).append('\n'));
            report.unchecked().forEach(u -> out.append(u.line()).append('\n'));
            return out.append(report.summary()).append('\n').toString();
        }
    },

    /**
     * {@code {"drifts":N,"privacy":K,"notes":M,"findings":[...],"unchecked":[...],"k_anonymity":[...]}} on one
     * line; a finding's {@code live} and {@code policy} are null when it compares no values. A k-anonymity entry
     * has {@code scope}, {@code table}, {@code status} ({@code measured}, {@code empty},
     * {@code no_quasi_identifiers}), {@code columns}, {@code min_k}, {@code window}, and when measured {@code k},
     * {@code rows}, {@code groups}, {@code rows_below_min_k} and {@code k_without} (k with each column left out).
     */
    JSON {
        @Override
        public String render(AuditReport report) {
            List<String> findings = report.findings().stream().map(f -> object("kind", f.isDrift() ? "drift" : "note",
                    "severity", f.severity().id(), "scope", f.scope(), "object", f.object(), "what", f.what(),
                    "live", f.live().orElse(null), "policy", f.policy().orElse(null))).toList();
            List<String> unchecked = report.unchecked().stream().map(u -> object("scope", u.scope(),
                    "check", u.check(), "reason", u.reason())).toList();
            List<String> k = report.kAnonymity().stream().map(ReportFormat::kAnonymity).toList();
            return "{\"drifts\":" + report.drifts() + ",\"privacy\":" + report.privacyDrifts() + ",\"notes\":"
                    + report.notes() + ",\"findings\":[" + String.join(",", findings) + "],\"unchecked\":["
                    + String.join(",", unchecked) + "],\"k_anonymity\":[" + String.join(",", k) + "]}\n";
        }
    };

    public abstract String render(AuditReport report);

    private static String kAnonymity(KAnonymityMeasure m) {
        String head = object("scope", m.scope(), "table", m.table(), "status", m.status(), "window",
                Durations.format(m.window()));
        StringBuilder out = new StringBuilder(head.substring(0, head.length() - 1));
        out.append(",\"columns\":[").append(String.join(",", m.columns().stream().map(JsonText::quote)
                .toList())).append("],\"min_k\":").append(m.minK());
        m.answer().ifPresent(a -> {
            out.append(",\"k\":").append(a.all().k()).append(",\"rows\":").append(a.all().rows())
                    .append(",\"groups\":").append(a.all().groups()).append(",\"rows_below_min_k\":")
                    .append(a.all().rowsBelow()).append(",\"k_without\":{");
            out.append(String.join(",", a.kWithout().entrySet().stream()
                    .map(e -> JsonText.quote(e.getKey()) + ":" + e.getValue()).toList())).append('}');
        });
        return out.append('}').toString();
    }

    /** A JSON object of string members, given as name, value pairs; a null value is JSON null. */
    private static String object(String... members) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < members.length; i += 2) {
            out.append(i == 0 ? "" : ",").append(JsonText.quote(members[i])).append(':')
                    .append(members[i + 1] == null ? "null" : JsonText.quote(members[i + 1]));
        }
        return out.append('}').toString();
    }
}
