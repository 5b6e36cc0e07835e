package dev.sieve.streams;

import java.util.List;

/** A stage's configuration cannot be used; lists every problem found, not only the first. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + source + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
