package dev.sieve.runtime;

import java.util.List;

/**
 * A process's configuration cannot be used. The message and {@link #problems()} list every problem found, not
 * only the first, each as {@code key: what is wrong}; none quotes a secret.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param source   where the settings came from: a file name, or what stands for it
     * @param problems every problem, in the order found
     */
    public ConfigException(String source, List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + source + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
