package dev.sieve.cli.incident;

import dev.sieve.runtime.JsonText;
import dev.sieve.sink.subject.IncidentScope;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@code sieve incident scope} prints: one line per affected person or device on the output, to drive
 * notifications, as JSON lines ({@code {"region":"cn-north","identifier":"subject_id","value":"...",
 * "tables":["personalization_device"],"rows":2}}) or CSV with a header; then, on the error stream, the distinct ids
 * of each kind by region and each table column whose pseudonyms no candidate matched. The summary names and counts,
 * never an id.
 */
public final class ScopeOutput {

    /** The output's format. */
    public enum Format { jsonl, csv }

    private final Format format;

    public ScopeOutput(Format format) {
        this.format = format;
    }

    public void write(IncidentScope.Scope scope, PrintWriter out, PrintWriter summary) {
        if (format == Format.csv) {
            out.println("region,identifier,value,tables,rows");
        }
        for (IncidentScope.Affected a : scope.affected()) {
            out.println(format == Format.csv ? csv(a) : json(a));
        }
        out.flush();
        Map<String, Map<String, Long>> counts = scope.counts();
        if (counts.isEmpty()) {
            summary.println("no one affected");
        }
        counts.forEach((region, byKind) -> summary.println(region + ": " + String.join(", ", byKind.entrySet()
                .stream().map(e -> e.getValue() + " " + e.getKey()).toList()) + " affected"));
        for (IncidentScope.Unresolved u : scope.unresolved()) {
            summary.println(u.region() + ": " + u.table() + "." + u.column() + ": " + u.pseudonyms()
                    + (u.pseudonyms() == 1 ? " pseudonym" : " pseudonyms") + " in " + u.rows()
                    + (u.rows() == 1 ? " row" : " rows") + " unresolved (no raw table of the region holds the"
                    + " person any more, or the salt of its period is destroyed)");
        }
    }

    private static String json(IncidentScope.Affected a) {
        return "{\"region\":" + JsonText.quote(a.region()) + ",\"identifier\":" + JsonText.quote(a.identifier())
                + ",\"value\":" + JsonText.quote(a.value()) + ",\"tables\":["
                + String.join(",", a.tables().stream().map(JsonText::quote).toList()) + "],\"rows\":" + a.rows() + "}";
    }

    private static String csv(IncidentScope.Affected a) {
        return String.join(",", List.of(field(a.region()), field(a.identifier()), field(a.value()),
                field(String.join(";", a.tables())), Long.toString(a.rows())));
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
    static String field(String s) {
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
