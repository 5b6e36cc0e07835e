package dev.sieve.sink.write;

import java.time.Duration;

/** Waits between retries; injected so tests do not sleep. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
