package dev.sieve.benchmarks.scale;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.ingest.CollectorMain;
import dev.sieve.sink.SinkMain;
import java.nio.file.Path;
import java.util.List;

/**
 * The four stages a deployment runs as processes of their own: their main classes, how each is handed its
 * configuration file, and where it answers whether it works.
 */
public enum StageKind {
    COLLECTOR("collector", CollectorMain.class, "/health/ready"),
    ENRICH("enrich", EnrichApp.class, "/health"),
    ANONYMIZE("anonymize", AnonymizeApp.class, "/health"),
    SINK("sink", SinkMain.class, "/health");

    private final String id;
    private final Class<?> main;
    private final String healthPath;

    StageKind(String id, Class<?> main, String healthPath) {
        this.id = id;
        this.main = main;
        this.healthPath = healthPath;
    }

    /** Its name in output, file names and CSV columns. */
    public String id() {
        return id;
    }

    /** The main class and its arguments for configuration file {@code config}. */
    List<String> command(Path config) {
        return this == SINK ? List.of(main.getName(), "run", "--config", config.toString())
                : List.of(main.getName(), config.toString());
    }

    /** The path on its HTTP port (the collector's) or metrics port (the others') that answers 200 while it works. */
    String healthPath() {
        return healthPath;
    }
}
