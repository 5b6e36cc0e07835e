package dev.sieve.local;

import java.net.BindException;

/**
 * One step of starting a local pipeline: whatever it throws becomes a {@link StartException} naming the step, so
 * the person who ran it reads which part failed and why rather than a library's stack trace.
 */
@FunctionalInterface
interface StartStep<T> {

    T run() throws Exception;

    /** Runs {@code step}; a failure names {@code what}. */
    static <T> T run(String what, StartStep<T> step) throws StartException {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException(what + ": interrupted", e);
        } catch (Exception e) {
            throw new StartException(what + " failed: " + describe(e), e);
        }
    }

    /** Sieve's own exceptions are worded for people; a library's are named with their message. */
    private static String describe(Throwable e) {
        if (e instanceof BindException) {
            return "the port is in use (" + e.getMessage() + "); choose another, 0 picks a free one";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getCause() instanceof BindException bind ? describe(bind) : message;
    }

    /** How long a step took since {@code startNanos}, as progress lines end. */
    static String took(long startNanos) {
        return String.format(" (%.1f s)", (System.nanoTime() - startNanos) / 1e9);
    }
}
