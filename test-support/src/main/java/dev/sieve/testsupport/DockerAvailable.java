package dev.sieve.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine is reachable, as Testcontainers sees it. Probed once per JVM
 * and bounded in time: a missing or unresponsive engine never stalls the build.
 */
public final class DockerAvailable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static Optional<String> unavailableReason;

    private DockerAvailable() {}

    /** Aborts (skips) the calling test or test class with "Docker not available: ..." when there is no engine. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "Docker not available: " + reason.orElseThrow());
    }

    /** True if Testcontainers can reach a Docker engine. */
    public static boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /** Why Docker cannot be used, or empty if it can. */
    public static synchronized Optional<String> unavailableReason() {
        if (unavailableReason == null) {
            unavailableReason = probe();
        }
        return unavailableReason;
    }

    private static Optional<String> probe() {
        FutureTask<Object> connect = new FutureTask<>(() -> DockerClientFactory.instance().client());
        // A daemon thread: if the engine never answers, the probe thread must not keep the JVM alive.
        Thread thread = new Thread(connect, "sieve-docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            connect.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            connect.cancel(true);
            return Optional.of("no answer from Testcontainers' Docker probe within " + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing for Docker");
        }
    }
}
