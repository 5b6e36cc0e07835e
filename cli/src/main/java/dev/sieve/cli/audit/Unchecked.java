package dev.sieve.cli.audit;

/**
 * A check the audit could not run, said out loud so a partial audit never reads as a clean one.
 *
 * @param scope  a region, or {@value Finding#KAFKA}
 * @param check  what was not checked, e.g. {@code grants}
 * @param reason why, with what would make it possible
 */
public record Unchecked(String scope, String check, String reason) {

    public String line() {
        return "UNCHECKED " + scope + " " + check + ": " + reason;
    }
}
