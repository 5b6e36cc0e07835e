package dev.sieve.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What a local pipeline has started, most recent first: {@link #close()} pops it, so everything stops in the
 * reverse order it started, and a start that fails half-way stops exactly what had started.
 */
final class Teardown implements AutoCloseable {

    /** Something to stop, with the words for it. */
    private record Running(String what, AutoCloseable part) {}

    private final Deque<Running> running = new ArrayDeque<>();
    private final Consumer<String> progress;

    Teardown(Consumer<String> progress) {
        this.progress = progress;
    }

    /** {@code part} stops before everything pushed earlier; {@code what} is the progress line said when it does. */
    void push(String what, AutoCloseable part) {
        running.push(new Running(what, part));
    }

    /** Stops everything in the reverse order it started; never throws, so a part that fails leaves none running. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            Running r = running.pop();
            progress.accept(r.what());
            try {
                r.part().close();
            } catch (Exception e) {
                progress.accept("  failed (" + e.getClass().getSimpleName() + "), going on");
            }
        }
    }
}
