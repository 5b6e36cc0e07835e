package dev.sieve.cli;

/**
 * An expected failure of a command: its message is printed as is (no stack trace) and the command exits with
 * {@link #exitCode()}. Messages name keys, files, tables and topics, never identifier values.
 */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    private CliFailure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Bad input: usage, configuration, unreadable files (exit {@value SieveCli#USAGE}). */
    public static CliFailure usage(String message) {
        return new CliFailure(message, SieveCli.USAGE);
    }

    /** The work failed or found a problem (exit {@value SieveCli#FAILED}). */
    public static CliFailure failed(String message) {
        return new CliFailure(message, SieveCli.FAILED);
    }

    public int exitCode() {
        return exitCode;
    }
}
