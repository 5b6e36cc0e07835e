package dev.sieve.cli.sunset;

import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.sink.sunset.SunsetMode;
import dev.sieve.sink.sunset.SunsetRequest;
import dev.sieve.sink.sunset.TableSunset;
import java.util.List;

/** The report of a sunset: per region and table the app's rows before, changed and held, then what is left to do. */
final class SunsetReport {

    private SunsetReport() {}

    static String render(SunsetRequest r, List<TableSunset> tables, boolean dryRun) {
        String verb = r.mode() == SunsetMode.DELETE ? "deleted" : "anonymized";
        StringBuilder out = new StringBuilder("sunset ").append(r.sunsetId()).append(" of app ").append(r.app())
                .append(": ").append(r.mode().id()).append(", by ").append(r.by()).append(" (").append(r.reason())
                .append(')').append(dryRun ? "\ndry run: nothing changed, nothing audited" : "").append('\n');
        int region = "region".length();
        int table = "table".length();
        for (TableSunset t : tables) {
            region = Math.max(region, t.region().length());
            table = Math.max(table, t.table().length());
        }
        String row = "%-" + region + "s  %-" + table + "s  %10s  %10s  %10s  %s%n";
        out.append(String.format(row, "region", "table", "before", dryRun ? "would go" : "changed", "held", "what"));
        for (TableSunset t : tables) {
            out.append(String.format(row, t.region(), t.table(), t.before(), t.changed(), t.held(), t.done()));
        }
        long changed = tables.stream().mapToLong(TableSunset::changed).sum();
        long held = tables.stream().mapToLong(TableSunset::held).sum();
        out.append("total: ").append(changed).append(" rows ").append(dryRun ? "would be " : "").append(verb)
                .append(" (or deleted instead where the table says so), ").append(held).append(" held\n");
        if (held > 0) {
            out.append("held rows stay while their legal hold lasts: run this sunset again once it is lifted\n");
        }
        if (tables.stream().anyMatch(t -> !t.handled())) {
            out.append("some tables could not be handled (see above): the sunset is incomplete\n");
        }
        out.append("to stop new data: remove ").append(CollectorConfigLoader.APPS_PREFIX).append(r.app())
                .append(CollectorConfigLoader.API_KEY_SUFFIX).append(" from the collector's configuration and restart"
                + " it; once enrich, anonymize and the sink have caught up with what is already in Kafka, run this"
                + " sunset again to remove what they added; do not replay the app's dead letters\n");
        return out.toString();
    }
}
