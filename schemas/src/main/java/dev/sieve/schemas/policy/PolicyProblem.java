package dev.sieve.schemas.policy;

import java.util.Objects;

/**
 * One thing wrong with a policy file, where it is and what to do about it.
 *
 * @param source  file name or resource the policy came from
 * @param line    1-based line, or 0 when the problem has no single place
 * @param column  1-based column, or 0 with line 0
 * @param path    dotted path of the key, e.g. {@code purposes.analytics.families.device.fields.device_id}
 * @param message what is wrong, in words an editor of the policy understands
 */
public record PolicyProblem(String source, int line, int column, String path, String message) {

    public PolicyProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code source:line:column: path: message}, the form compilers use so editors can jump to it. */
    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
    }
}
