package dev.sieve.schemas.pseudonym;

import java.util.List;

/** Pseudonymization keys that cannot be used, with every problem found. Never carries a secret. */
public final class KeyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public KeyException(List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " with pseudonymization keys:\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
