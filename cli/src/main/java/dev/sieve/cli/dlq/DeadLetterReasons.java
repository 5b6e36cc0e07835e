package dev.sieve.cli.dlq;

import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * The reasons each stage's dead-letter writer puts in {@code sieve.dlq.reason}, from the one vocabulary
 * ({@link DeadLetterReason}). A record whose reason is none of its stage's (a missing header, a writer of another
 * version) is filed under {@link #OTHER}, so every dead letter belongs to exactly one reason.
 */
final class DeadLetterReasons {

    /** The reason key of dead letters whose reason is not in their stage's vocabulary. */
    static final String OTHER = "other";

    private DeadLetterReasons() {}

    /** The stage's reasons, in the order its vocabulary declares them. */
    static List<String> of(Stage stage) {
        return DeadLetterReason.of(stage).stream().map(DeadLetterReason::id).toList();
    }

    /** Every reason key of the stage: its reasons, then {@link #OTHER}. */
    static List<String> keys(Stage stage) {
        List<String> keys = new ArrayList<>(of(stage));
        keys.add(OTHER);
        return keys;
    }

    /** The record's reason key: its reason if the stage has it, else {@link #OTHER}. */
    static String keyOf(Stage stage, DeadLetterMetadata letter) {
        return letter.reason().filter(of(stage)::contains).orElse(OTHER);
    }
}
