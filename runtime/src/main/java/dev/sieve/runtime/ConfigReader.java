package dev.sieve.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to a Sieve process's settings, the same conventions for every stage. Read each key once through
 * a getter, then call {@link #finish()}: it fails with every problem found at once, including keys nobody read
 * (a typo must not silently fall back to a default).
 *
 * <ul>
 *   <li>Settings come from a properties file. An environment variable named {@code SIEVE_} plus the key
 *       upper-cased, dots and dashes as underscores, overrides a key the process reads by name
 *       ({@code kafka.bootstrap.servers} → {@code SIEVE_KAFKA_BOOTSTRAP_SERVERS}), for containers.</li>
 *   <li>A value may refer to environment variables as {@code ${NAME}}, so secrets stay out of the file. A
 *       reference to an unset variable is one problem naming the key and the variable; the key is then checked
 *       no further.</li>
 *   <li>Keys under a pass-through prefix ({@link #withPrefix}, {@link #keysUnder}) come from the file only.</li>
 *   <li>Problems name keys and variables; the only values they quote are numbers and durations that do not
 *       parse, never a string setting (passwords, API keys and client secrets are strings).</li>
 * </ul>
 */
public final class ConfigReader {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String source;
    private final Map<String, String> values;
    private final Map<String, String> env;
    private final Set<String> read = new TreeSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** Keys whose value refers to an unset variable: reported once, checked no further. */
    private final Set<String> unresolved = new HashSet<>();

    /**
     * @param source where the values came from, for the message of {@link ConfigException}
     * @param values the settings as written, before overrides and {@code ${NAME}} references
     * @param env    environment variables, usually {@link System#getenv()}
     */
    public ConfigReader(String source, Map<String, String> values, Map<String, String> env) {
        this.source = source;
        this.values = new TreeMap<>(values);
        this.env = Map.copyOf(env);
    }

    /**
     * @param file properties file, or null for the environment only
     * @param env  environment variables, usually {@link System#getenv()}
     */
    public static ConfigReader load(Path file, Map<String, String> env) throws ConfigException {
        if (file == null) {
            return new ConfigReader("the environment", Map.of(), env);
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file.toString(), List.of("cannot read (" + e.getClass().getSimpleName() + ")"));
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
        return new ConfigReader(file.toString(), values, env);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return "SIEVE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The key's value; a missing or empty one is a problem. */
    public String required(String key) {
        Optional<String> v = optional(key);
        if (v.isEmpty() && !unresolved.contains(key)) {
            problem(key, "required (or set " + envName(key) + ")");
        }
        return v.orElse("");
    }

    /** The key's value, or {@code defaultValue} when it is missing or empty. */
    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    /** The key's value; empty when it is missing, empty, or refers to an unset variable. */
    public Optional<String> optional(String key) {
        read.add(key);
        String raw = env.getOrDefault(envName(key), values.get(key));
        return raw == null ? Optional.empty() : resolve(key, raw.trim());
    }

    /** Whether the key is given a value at all, even one that refers to an unset variable. */
    public boolean isSet(String key) {
        return optional(key).isPresent() || unresolved.contains(key);
    }

    /**
     * A path.
     *
     * @param mustExist whether a path that cannot be read is a problem
     */
    public Optional<Path> path(String key, boolean mustExist) {
        Optional<Path> p = optional(key).map(Path::of);
        if (mustExist && p.isPresent() && !Files.isReadable(p.get())) {
            problem(key, "cannot read " + p.get());
        }
        return p;
    }

    /** An ISO-8601 duration ({@code PT5M}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 7d}. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String v = value.get();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            String digits = v.replaceAll("[a-z]+$", "");
            long n = Long.parseLong(digits);
            return switch (v.substring(digits.length())) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            problem(key, "'" + v + "' is not a duration (e.g. 500ms, 30s, 5m, 12h, 7d or PT5M)");
            return defaultValue;
        }
    }

    /** A whole number in {@code min..max}; {@code Integer.MAX_VALUE} as {@code max} means no upper bound. */
    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max == Integer.MAX_VALUE ? Long.MAX_VALUE : max,
                Integer.MAX_VALUE);
    }

    /** A whole number in {@code min..max}; {@code Long.MAX_VALUE} as {@code max} means no upper bound. */
    public long longValue(String key, long defaultValue, long min, long max) {
        return longValue(key, defaultValue, min, max, Long.MAX_VALUE);
    }

    private long longValue(String key, long defaultValue, long min, long max, long limit) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n < min || n > Math.min(max, limit)) {
                problem(key, max == Long.MAX_VALUE && n < min ? "must be at least " + min
                        : "must be between " + min + " and " + Math.min(max, limit));
                return defaultValue;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(key, "'" + v.get() + "' is not a whole number");
            return defaultValue;
        }
    }

    /**
     * Every key of the file under {@code prefix}, whole; all of them count as read, so the caller checks the
     * rest of each key itself and reads its value through the getters.
     */
    public Set<String> keysUnder(String prefix) {
        prefixes.add(prefix);
        Set<String> keys = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.equals(prefix)) {
                problem(key, "names no setting");
            } else if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * Every key of the file under {@code prefix}, without it, with its value: settings passed through as they are
     * (a Kafka client's, for instance). Keys whose value refers to an unset variable are reported and left out.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (String key : keysUnder(prefix)) {
            resolve(key, values.get(key).trim()).ifPresent(v -> out.put(key.substring(prefix.length()), v));
        }
        return out;
    }

    /**
     * Records a problem; {@link #finish()} reports it with the others.
     *
     * @param key the key at fault; for a problem that spans keys, every key involved ({@code a and b})
     */
    public void problem(String key, String message) {
        problems.add(key + ": " + message);
    }

    /** Fails with every problem, unknown keys included; returns quietly when the settings are usable. */
    public void finish() throws ConfigException {
        List<String> known = new ArrayList<>();
        read.stream().filter(k -> !underPrefix(k)).forEach(known::add);
        prefixes.stream().distinct().map(p -> p + "*").forEach(known::add);
        for (String key : values.keySet()) {
            if (!read.contains(key) && !underPrefix(key)) {
                problem(key, "unknown key (known: " + String.join(", ", known) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }

    private boolean underPrefix(String key) {
        return prefixes.stream().anyMatch(key::startsWith);
    }

    /** Replaces each {@code ${NAME}} by the variable's value; empty when the result is empty or a variable is unset. */
    private Optional<String> resolve(String key, String raw) {
        Matcher m = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean complete = true;
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                if (!unresolved.contains(key)) {
                    problem(key, "environment variable " + m.group(1) + " is not set");
                }
                complete = false;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!complete) {
            unresolved.add(key);
            return Optional.empty();
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }
}
