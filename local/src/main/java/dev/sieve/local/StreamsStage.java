package dev.sieve.local;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.process.ProcessApp;
import dev.sieve.streams.StreamsApp;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kafka Streams application a local pipeline runs between the raw and the purpose topics, built from the
 * settings the production stages get ({@link StageConfigs}). The pipeline runs {@link #PRODUCTION}, enrich and
 * anonymize, unless told otherwise ({@link LocalPipelineBuilder#streamsStages}): a benchmark puts a baseline of the
 * same shape in their place, so the Kafka, the topics, the collector and the sink around it stay the production ones.
 *
 * @param name   names the application in progress lines, health and start errors
 * @param create builds it; nothing runs until the pipeline starts it
 */
public record StreamsStage(String name, Factory create) {

    /** Builds one application from the production stages' settings. */
    @FunctionalInterface
    public interface Factory {
        StreamsApp create(EnrichApp.Settings enrich, AnonymizeApp.Settings anonymize, Map<String, String> environment)
                throws Exception;
    }

    /** Anonymize, then enrich: what reads the enriched topics runs before anything writes them. */
    public static final List<StreamsStage> PRODUCTION = List.of(
            new StreamsStage("anonymize", (enrich, anonymize, env) -> AnonymizeApp.create(anonymize, env)),
            new StreamsStage("enrich", (enrich, anonymize, env) -> EnrichApp.create(enrich)));

    /**
     * Enrich and anonymize, unchanged, as one application ({@link ProcessApp}): one hop and one transaction fewer per
     * event. Its settings are each stage's own under the common settings of the application.
     */
    public static final List<StreamsStage> ONE_APPLICATION = List.of(
            new StreamsStage("process", (enrich, anonymize, env) -> ProcessApp.create(ProcessApp.Settings.of(
                    anonymize.stage().withApplicationId(ProcessApp.DEFAULT_APPLICATION_ID), enrich, anonymize), env)));

    public StreamsStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(create, "create");
    }
}
