package dev.sieve.local;

/**
 * The local pipeline could not start. The message names the step that failed and why, in words meant for the
 * person who ran it (never an identifier, never a secret); everything started before it has been stopped.
 */
public final class StartException extends Exception {

    private static final long serialVersionUID = 1L;

    public StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
