package dev.sieve.schemas.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy file that cannot be enforced, with every problem found in it, not only the first. */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    public PolicyException(List<PolicyProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String render(List<PolicyProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the policy:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
