package dev.sieve.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import org.junit.jupiter.api.Test;

/** Option checks of {@code sieve dlq}: exact messages, exit 2, before any configuration or Kafka is touched. */
class DlqCommandTest {

    @Test
    void theStageIsOneOfTheFour() {
        CliRun run = CliRun.of("dlq", "inspect", "--stage", "nowhere");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--stage': expected one of ingest, enrich,"
                + " anonymize, sink, got 'nowhere'\n");
    }

    @Test
    void theLimitIsNotNegative() {
        CliRun run = CliRun.of("dlq", "inspect", "--limit", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--limit must be 0 or more, got -1\n");
    }

    @Test
    void theReasonIsOneOfTheStagesReasons() {
        CliRun enrich = CliRun.of("dlq", "inspect", "--stage", "enrich", "--reason", "wrong_app");
        assertThat(enrich.exitCode()).isEqualTo(2);
        assertThat(enrich.err()).startsWith("--reason wrong_app is not a dead-letter reason of stage enrich; expected"
                + " one of unknown_region, undecodable, missing_event_id, processing_failed\n");

        CliRun any = CliRun.of("dlq", "inspect", "--reason", "bogus");
        assertThat(any.exitCode()).isEqualTo(2);
        assertThat(any.err()).startsWith("--reason bogus is not a dead-letter reason of any stage\n");

        CliRun replay = CliRun.of("dlq", "replay", "--stage", "sink", "--reason", "unknown_region");
        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).startsWith("--reason unknown_region is not a dead-letter reason of stage sink;"
                + " expected one of undecodable, empty_value, region_missing, region_unroutable, unencodable,"
                + " rejected_by_clickhouse, retention_invalid, retention_above_max, erasure_invalid,"
                + " quarantine_invalid\n");
    }

    @Test
    void replayNeedsAStage() {
        CliRun run = CliRun.of("dlq", "replay");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required option: '--stage=STAGE'\n");
    }

    @Test
    void theCollectorsConfigurationGoesWithTheIngestStageOnly() {
        CliRun ingest = CliRun.of("dlq", "replay", "--stage", "ingest");
        assertThat(ingest.exitCode()).isEqualTo(2);
        assertThat(ingest.err()).startsWith("--stage ingest needs --collector-config FILE: the collector's limits,"
                + " policy and apps judge its dead letters again\n");

        CliRun sink = CliRun.of("dlq", "replay", "--stage", "sink", "--collector-config", "collector.properties");
        assertThat(sink.exitCode()).isEqualTo(2);
        assertThat(sink.err()).startsWith("--collector-config is only for --stage ingest\n");
    }

    @Test
    void everyDlqCommandHasHelp() {
        for (String[] args : new String[][] {{"dlq", "--help"}, {"dlq", "inspect", "-h"}, {"dlq", "replay", "--help"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).startsWith("Usage: sieve " + String.join(" ", args).replaceAll(" -.*", ""));
        }
    }

    @Test
    void aStrayArgumentIsRefusedWithoutQuotingIt() {
        CliRun run = CliRun.of("dlq", "inspect", "user-8812");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("1 unexpected argument (not shown: it may be an identifier)\n")
                .doesNotContain("user-8812");
    }
}
