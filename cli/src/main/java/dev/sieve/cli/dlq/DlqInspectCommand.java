package dev.sieve.cli.dlq;

import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sieve dlq inspect}: per stage, how many dead letters by reason, source topic and app, the oldest and
 * newest, and the metadata of the first few. Contents (raw personal data) only with {@code --show-payload}.
 * Reads without a consumer group and commits nothing.
 */
@Command(name = "inspect", description = "Summarize dead letters and list their"
        + " metadata; their contents are shown only with --show-payload. Reads without a consumer group: changes"
        + " nothing.")
final class DlqInspectCommand extends OperatorCommand {

    static final int DEFAULT_LIMIT = 20;
    static final String PAYLOAD_WARNING = "warning: printing dead-letter contents: they are raw personal data"
            + " (identifiers, free text, addresses); do not paste, share or keep this output";

    @Option(names = "--stage", paramLabel = "STAGE", converter = DlqCommand.StageConverter.class,
            description = "ingest, enrich, anonymize or sink (default: all four).")
    Stage stage;

    @Option(names = "--reason", paramLabel = "REASON", description = "Only dead letters of this reason.")
    String reason;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "List at most N dead letters per stage (default ${DEFAULT-VALUE}); the summary counts all.")
    int limit;

    @Option(names = "--from-beginning",
            description = "Every dead letter the topic still holds, not only those pending replay.")
    boolean fromBeginning;

    @Option(names = "--show-payload", description = "Also print the listed dead letters' key and value.")
    boolean showPayload;

    @Override
    protected int run() {
        if (limit < 0) {
            throw usage("--limit must be 0 or more, got " + limit);
        }
        List<Stage> stages = stage == null ? List.of(Stage.values()) : List.of(stage);
        DlqCommand.checkReason(spec, reason, stages);
        Topics topics = context().catalog().topics();
        if (showPayload) {
            err().println(PAYLOAD_WARNING);
        }
        Map<String, Object> kafka = configuration().kafkaClient();
        try (TopicRangeReader reader = TopicRangeReader.connect(kafka, "sieve-dlq-inspect");
                Admin admin = Admin.create(kafka)) {
            DlqInspector inspector = new DlqInspector(reader);
            for (Stage s : stages) {
                String topic = topics.deadLetter(s).name();
                Optional<ReplayPositions> pending = fromBeginning ? Optional.empty()
                        : Optional.of(ReplayPositions.load(admin, s, reader.partitions(topic)));
                out().print(inspector.inspect(s, topic, pending, Optional.ofNullable(reason), limit, showPayload)
                        .render());
            }
        }
        return 0;
    }
}
