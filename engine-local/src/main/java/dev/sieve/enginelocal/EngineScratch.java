package dev.sieve.enginelocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where an engine keeps its session: a directory deleted when the engine closes, so nothing in it has to outlive the
 * process. Writing each insert's new part to disk is most of an insert's cost on the machines measured (10 ms for
 * 300 rows against 2.5 ms in memory, BENCHMARKS.md), so memory-backed space ({@code /dev/shm}) is taken when it has
 * {@link #MIN_FREE} free; else the system's temporary directory. The system property {@code sieve.engine.dir} or
 * the variable {@code SIEVE_ENGINE_DIR} names another parent directory.
 */
final class EngineScratch {

    /** Memory-backed space with less free than this (a container's 64 MB default) is passed over. */
    static final long MIN_FREE = 1L << 30;
    static final Path MEMORY_BACKED = Path.of("/dev/shm");

    private EngineScratch() {}

    /** A new directory for one engine's session under the chosen parent. */
    static Path create() throws IOException {
        return Files.createTempDirectory(parent(System.getProperty("sieve.engine.dir"), System.getenv(),
                MEMORY_BACKED).orElse(Path.of(System.getProperty("java.io.tmpdir"))), "sieve-chdb-");
    }

    /** The configured parent, else {@code memoryBacked} when it is a writable directory with room; else none. */
    static Optional<Path> parent(String property, Map<String, String> env, Path memoryBacked) throws IOException {
        String configured = property != null ? property : env.get("SIEVE_ENGINE_DIR");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Files.createDirectories(Path.of(configured)));
        }
        if (Files.isDirectory(memoryBacked) && Files.isWritable(memoryBacked)
                && Files.getFileStore(memoryBacked).getUsableSpace() >= MIN_FREE) {
            return Optional.of(memoryBacked);
        }
        return Optional.empty();
    }
}
