package dev.sieve.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough of PromQL to list what an expression reads: its series selectors (metric name and label matchers)
 * and the labels it groups by. Function and aggregation names, keywords, numbers, strings, range and offset
 * durations (Grafana's {@code $__rate_interval} included) are skipped. Not a validator: Prometheus is.
 */
final class PromQl {

    record Matcher(String label, String op, String value) {
        /** Whether a series' label value passes (an absent label is the empty string, as in Prometheus). */
        boolean accepts(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> v.matches(value);
                case "!~" -> !v.matches(value);
                default -> throw new IllegalStateException(op);
            };
        }
    }

    record Selector(String metric, List<Matcher> matchers) {}

    record Parsed(List<Selector> selectors, Set<String> groupingLabels) {}

    private static final Set<String> FUNCTIONS_AND_AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count",
            "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "rate", "irate", "increase",
            "delta", "idelta", "deriv", "histogram_quantile", "abs", "ceil", "floor", "round", "clamp_min",
            "clamp_max", "label_replace", "label_join", "absent", "absent_over_time", "avg_over_time",
            "max_over_time", "min_over_time", "sum_over_time", "count_over_time", "last_over_time", "vector",
            "scalar", "time", "timestamp", "sort", "sort_desc", "predict_linear", "resets", "changes");
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "unless", "bool", "offset",
            "group_left", "group_right");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring");

    private final String s;
    private int i;

    private PromQl(String expression) {
        this.s = expression;
    }

    static Parsed parse(String expression) {
        return new PromQl(expression).run();
    }

    private Parsed run() {
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        while (true) {
            skipSpace();
            if (i >= s.length()) {
                return new Parsed(selectors, grouping);
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '[') {
                i = s.indexOf(']', i) + 1;
            } else if (Character.isDigit(c)) {
                // a number or a duration (offset 5m)
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                String word = identifier();
                skipSpace();
                boolean call = i < s.length() && s.charAt(i) == '(';
                if (GROUPING.contains(word) || word.equals("group_left") || word.equals("group_right")) {
                    if (call) {
                        grouping.addAll(labelList());
                    }
                } else if (FUNCTIONS_AND_AGGREGATIONS.contains(word) || OPERATOR_WORDS.contains(word)) {
                    continue;
                } else if (call) {
                    throw new IllegalArgumentException("unknown function " + word + " in: " + s);
                } else {
                    selectors.add(new Selector(word, i < s.length() && s.charAt(i) == '{' ? matchers() : List.of()));
                }
            } else if (c == '{') {
                throw new IllegalArgumentException("selector without a metric name in: " + s);
            } else {
                i++;
            }
        }
    }

    private List<String> labelList() {
        int end = s.indexOf(')', i);
        List<String> labels = new ArrayList<>();
        for (String l : s.substring(i + 1, end).split(",")) {
            if (!l.isBlank()) {
                labels.add(l.trim());
            }
        }
        i = end + 1;
        return labels;
    }

    private List<Matcher> matchers() {
        List<Matcher> out = new ArrayList<>();
        i++; // {
        while (true) {
            skipSpace();
            if (s.charAt(i) == '}') {
                i++;
                return out;
            }
            if (s.charAt(i) == ',') {
                i++;
                continue;
            }
            String label = identifier();
            skipSpace();
            String op = s.startsWith("=~", i) ? "=~" : s.startsWith("!~", i) ? "!~" : s.startsWith("!=", i) ? "!=" : "=";
            i += op.length();
            skipSpace();
            out.add(new Matcher(label, op, string()));
        }
    }

    private String string() {
        char quote = s.charAt(i);
        StringBuilder out = new StringBuilder();
        for (i++; s.charAt(i) != quote; i++) {
            if (s.charAt(i) == '\\' && quote != '`') {
                i++;
            }
            out.append(s.charAt(i));
        }
        i++;
        return out.toString();
    }

    private String identifier() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
            i++;
        }
        return s.substring(start, i);
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }
}
