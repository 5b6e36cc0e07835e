package dev.sieve.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * A benchmark's {@code key=value} arguments over its defaults. Every problem (an argument that is not
 * {@code key=value}, an unknown key, a value of the wrong form) is collected, and {@link #finish()} reports them all
 * at once, naming the known keys.
 */
public final class KeyValueArgs {

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    /** @param defaults every known key with its default, in the order to list them */
    public KeyValueArgs(String[] args, Map<String, String> defaults) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                problems.add("'" + arg + "' is not key=value");
            } else {
                given.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        given.keySet().stream().filter(k -> !defaults.containsKey(k)).forEach(k ->
                problems.add("unknown key '" + k + "' (known: " + String.join(", ", defaults.keySet()) + ")"));
        values = new LinkedHashMap<>(defaults);
        given.forEach((k, value) -> values.computeIfPresent(k, (key, old) -> value));
    }

    /** Every key's value, given or default, in the defaults' order. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String text(String key) {
        return values.get(key);
    }

    public int positive(String key) {
        try {
            int n = Integer.parseInt(values.get(key));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be a positive whole number, got '" + values.get(key) + "'");
        return 1;
    }

    public double positiveNumber(String key) {
        return number(key, d -> d > 0 && Double.isFinite(d), "a positive number");
    }

    public int nonNegative(String key) {
        try {
            int n = Integer.parseInt(values.get(key));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be a whole number, 0 or more, got '" + values.get(key) + "'");
        return 0;
    }

    public double fraction(String key) {
        return number(key, f -> f > 0 && f <= 1, "a number in (0, 1]");
    }

    /** The key's value as a number that {@code fits}, else 1 and a problem saying it must be {@code what}. */
    private double number(String key, DoublePredicate fits, String what) {
        try {
            double d = Double.parseDouble(values.get(key));
            if (fits.test(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be " + what + ", got '" + values.get(key) + "'");
        return 1;
    }

    public boolean bool(String key) {
        if (!values.get(key).equals("true") && !values.get(key).equals("false")) {
            problems.add(key + " must be true or false, got '" + values.get(key) + "'");
        }
        return values.get(key).equals("true");
    }

    /** A comma-separated list of positive whole numbers, e.g. {@code 1,2,4}. */
    public List<Integer> positives(String key) {
        List<Integer> out = new ArrayList<>();
        for (String part : values.get(key).split(",")) {
            try {
                int n = Integer.parseInt(part.strip());
                if (n > 0) {
                    out.add(n);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(key + " must be positive whole numbers separated by commas, got '" + values.get(key) + "'");
            return List.of(1);
        }
        return out;
    }

    /** Records a problem found by the caller, such as one between keys. */
    public void problem(String problem) {
        problems.add(problem);
    }

    /** @throws IllegalArgumentException listing every problem, one a line */
    public void finish() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }
}
