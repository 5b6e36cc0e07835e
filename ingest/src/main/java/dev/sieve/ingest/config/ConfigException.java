package dev.sieve.ingest.config;

import java.util.List;

/** The configuration has problems; {@link #problems()} lists every one, each as {@code key: what is wrong}. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid collector configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
