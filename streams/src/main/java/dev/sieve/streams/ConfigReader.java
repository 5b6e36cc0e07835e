package dev.sieve.streams;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed access to a stage's settings with every problem collected: read each key once, then call
 * {@link #finish()}, which also rejects keys nobody read (a typo must not silently fall back to a default).
 *
 * <p>Settings come from a properties file, overridden by environment variables named {@code SIEVE_} plus the
 * key upper-cased with dots and dashes as underscores ({@code bootstrap.servers} →
 * {@code SIEVE_BOOTSTRAP_SERVERS}). Keys under a declared prefix (such as {@code streams.}) pass through.
 */
public final class ConfigReader {

    private final String source;
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public ConfigReader(String source, Map<String, String> values) {
        this.source = source;
        this.values = new TreeMap<>(values);
    }

    /**
     * @param file properties file, or null for environment only
     * @param env  environment variables
     */
    public static ConfigReader load(Path file, Map<String, String> env, Set<String> envKeys) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
            }
            props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k).trim()));
        }
        for (String key : envKeys) {
            String value = env.get(envName(key));
            if (value != null) {
                values.put(key, value.trim());
            }
        }
        return new ConfigReader(file == null ? "the environment" : file.toString(), values);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return "SIEVE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String required(String key) {
        read.add(key);
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            problems.add(key + ": required (or set " + envName(key) + ")");
            return "";
        }
        return v;
    }

    public String string(String key, String defaultValue) {
        read.add(key);
        String v = values.get(key);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    public Optional<Path> path(String key, boolean mustExist) {
        read.add(key);
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(v);
        if (mustExist && !Files.exists(p)) {
            problems.add(key + ": " + p + " does not exist");
        }
        return Optional.of(p);
    }

    /** An ISO-8601 duration ({@code PT5M}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 7d}. */
    public Duration duration(String key, Duration defaultValue) {
        read.add(key);
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
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
            problems.add(key + ": '" + v + "' is not a duration (e.g. 500ms, 30s, 5m, 12h, 7d or PT5M)");
            return defaultValue;
        }
    }

    public int integer(String key, int defaultValue, int min, int max) {
        read.add(key);
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                problems.add(key + ": " + n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + ": '" + v + "' is not a whole number");
            return defaultValue;
        }
    }

    /** Every key under {@code prefix}, without it; these keys count as read. */
    public Map<String, String> withPrefix(String prefix) {
        prefixes.add(prefix);
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Records a problem that spans keys; name every key involved. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Fails with every problem, unknown keys included; returns quietly when the settings are usable. */
    public void finish() throws ConfigException {
        for (String key : values.keySet()) {
            if (!read.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
                problems.add(key + ": unknown setting (known: " + String.join(", ", read)
                        + (prefixes.isEmpty() ? "" : ", " + String.join("*, ", prefixes) + "*") + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
