package dev.sieve.sink.audit;

/**
 * A check the audit could not run, said out loud so a partial audit never reads as a clean one.
 *
 * @param scope  a region, or what else was audited (e.g. {@code kafka})
 * @param check  what was not checked, e.g. {@code grants}
 * @param reason why, with what would make it possible
 */
public record Unchecked(String scope, String check, String reason) {

    public String line() {
        return "UNCHECKED " + scope + " " + check + ": " + reason;
    }
}
