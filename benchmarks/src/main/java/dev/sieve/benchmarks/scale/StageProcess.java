package dev.sieve.benchmarks.scale;

import dev.sieve.benchmarks.e2e.CpuUsage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a stage in a JVM of its own, started from this JVM's classpath (which holds every stage) with the
 * same {@code java}, its configuration file written from {@link StageProperties}, its output appended to a log file.
 */
final class StageProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StageKind stage;
    private final int instance;
    private final int port;
    private final Path log;
    private final Process process;

    private StageProcess(StageKind stage, int instance, int port, Path log, Process process) {
        this.stage = stage;
        this.instance = instance;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Writes the instance's configuration into {@code dir} and starts it.
     *
     * @param jvmOptions options for its JVM, e.g. its heap
     */
    static StageProcess start(StageKind stage, int instance, int port, Map<String, String> properties, Path dir,
            List<String> jvmOptions) throws IOException {
        String name = stage.id() + "-" + instance;
        Path config = dir.resolve(name + ".properties");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(config, StandardCharsets.UTF_8))) {
            properties.forEach((k, v) -> w.println(k + "=" + v));
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("this JVM's java command is unknown")));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(stage.command(config));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new StageProcess(stage, instance, port, log, process);
    }

    StageKind stage() {
        return stage;
    }

    /** Its HTTP port (the collector) or metrics port (the others). */
    int port() {
        return port;
    }

    /**
     * CPU time the process has used so far, user and system, over all its threads: the JDK reads it from
     * {@code /proc/<pid>/stat} ({@code utime + stime}).
     *
     * @throws IllegalStateException if it has ended (its CPU can no longer be read, so no figure could be right)
     */
    long cpuNanos() {
        requireAlive();
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "the CPU time of " + this + " cannot be read")).toNanos();
    }

    /** CPU time its JIT compiler's threads have used so far ({@link CpuUsage#jitCompilerNanos}). */
    long jitNanos() {
        requireAlive();
        return CpuUsage.jitCompilerNanos(process.pid());
    }

    /** Waits until its health path answers 200. */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + stage.healthPath()))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            requireAlive();
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(this + " was not healthy within " + timeout.toSeconds() + " s; see "
                        + log);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(this + " ended with exit code " + process.exitValue() + "; see " + log);
        }
    }

    /** Asks it to stop: SIGTERM, on which its shutdown hook closes it cleanly, leaving its groups. */
    void signalStop() {
        process.destroy();
    }

    /** Asks it to stop and waits; kills it if it has not stopped after a grace. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return stage.id() + " instance " + instance + " (pid " + process.pid() + ")";
    }
}
