package dev.sieve.sink.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * One difference between what is live and what the policy implies: the sink's audit of its stores
 * ({@link dev.sieve.sink.SinkOperations#storeAudit}) finds them, and so do the command line's audits of Kafka and of
 * rights requests. It names regions, tables, columns, topics, roles and users, and quotes counts, types and
 * durations: never a value stored in a table.
 *
 * @param severity how much it matters
 * @param scope    where: a region's store, or what else was audited (e.g. {@code kafka})
 * @param object   what: {@code db.table}, {@code db.table.column}, a topic, {@code role R}, {@code user U}
 * @param what     the difference, in words
 * @param live     what is live, when the difference is between two values
 * @param policy   what the policy implies, present exactly when {@code live} is
 */
public record Finding(Severity severity, String scope, String object, String what, Optional<String> live,
        Optional<String> policy) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(what, "what");
        if (live.isPresent() != policy.isPresent()) {
            throw new IllegalArgumentException("a finding has both a live and a policy value, or neither");
        }
    }

    public static Finding of(Severity severity, String scope, String object, String what) {
        return new Finding(severity, scope, object, what, Optional.empty(), Optional.empty());
    }

    public static Finding of(Severity severity, String scope, String object, String what, String live,
            String policy) {
        return new Finding(severity, scope, object, what, Optional.of(live), Optional.of(policy));
    }

    public boolean isDrift() {
        return severity != Severity.NOTE;
    }

    /** {@code DRIFT privacy cn-north sieve.t.c: what: live x, policy y}, or {@code NOTE cn-north ...}. */
    public String line() {
        return (isDrift() ? "DRIFT " + severity.id() : "NOTE") + " " + scope + " " + object + ": " + what
                + live.map(l -> ": live " + l + ", policy " + policy.orElseThrow()).orElse("");
    }
}
