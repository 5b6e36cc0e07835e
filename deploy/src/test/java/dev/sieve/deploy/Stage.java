package dev.sieve.deploy;

import java.util.Arrays;
import java.util.Optional;

/** The four Sieve processes, by the main class the image runs. */
enum Stage {
    COLLECTOR("dev.sieve.ingest.CollectorMain", "/health/ready"),
    ENRICH("dev.sieve.enrich.EnrichApp", "/health"),
    ANONYMIZE("dev.sieve.anonymize.AnonymizeApp", "/health"),
    SINK("dev.sieve.sink.SinkMain", "/health");

    final String mainClass;
    /** What a readiness check asks: the collector is ready only while Kafka answers. */
    final String readyPath;

    Stage(String mainClass, String readyPath) {
        this.mainClass = mainClass;
        this.readyPath = readyPath;
    }

    static Optional<Stage> ofMainClass(String mainClass) {
        return Arrays.stream(values()).filter(s -> s.mainClass.equals(mainClass)).findFirst();
    }

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
