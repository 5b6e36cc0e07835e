package dev.sieve.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a stage in its own JVM, started as a deployment starts it: its main class and its own properties
 * file, nothing else shared with the test. {@link #kill()} is SIGKILL: no shutdown hook, no flush, no commit.
 * Every start appends to the instance's log file, which failures quote.
 */
final class StageProcess implements AutoCloseable {

    /** Small heaps and a quick-starting JIT: seven of these share a CI machine of two cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    /**
     * @param name        instance name, e.g. {@code enrich-2}; names the log file
     * @param mainClass   the stage's main class
     * @param args        its arguments (the configuration file among them)
     * @param environment variables the stage reads besides its file (keys, as a deployment passes them)
     * @param logDir      where the log file goes
     */
    StageProcess(String name, String mainClass, List<String> args, Map<String, String> environment, Path logDir) {
        this.name = name;
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(JVM_OPTIONS);
        c.add("-cp");
        // The test's class path holds every stage module and its runtime dependencies, built by this reactor.
        c.add(System.getProperty("java.class.path"));
        c.add(mainClass);
        c.addAll(args);
        this.command = List.copyOf(c);
        this.environment = Map.copyOf(environment);
        this.log = logDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    /** Starts the process; it must not be running. */
    synchronized StageProcess start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        return this;
    }

    /** SIGKILL, then waits until the process is gone. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The log so far, for a failure message. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the process gracefully (SIGTERM), forcibly if it does not stop in time. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
