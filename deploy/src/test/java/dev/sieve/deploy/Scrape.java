package dev.sieve.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus text exposition, as series: metric name and labels (values are not needed here). */
record Scrape(List<Series> series) {

    record Series(String name, Map<String, String> labels) {}

    static Scrape parse(String text) {
        List<Series> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace < 0 || (space >= 0 && space < brace)) {
                out.add(new Series(line.substring(0, space), Map.of()));
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).trim();
                StringBuilder value = new StringBuilder();
                for (i = eq + 2; line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '\\') {
                        i++;
                    }
                    value.append(line.charAt(i));
                }
                labels.put(label, value.toString());
                i++;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            out.add(new Series(line.substring(0, brace), labels));
        }
        return new Scrape(out);
    }

    List<Series> named(String metric) {
        return series.stream().filter(s -> s.name().equals(metric)).toList();
    }
}
