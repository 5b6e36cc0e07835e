package dev.sieve.ingest.deliver;

import dev.sieve.ingest.model.EventOutcome;
import java.util.List;

/**
 * A batch Kafka has acknowledged: each event's outcome, in request order.
 *
 * @param outcomes accepted events are in their raw topic, rejected ones in the dead-letter topic
 */
public record BatchResult(List<EventOutcome> outcomes) {

    public BatchResult {
        outcomes = List.copyOf(outcomes);
    }

    public long accepted() {
        return outcomes.stream().filter(o -> o instanceof EventOutcome.Accepted).count();
    }

    public long rejected() {
        return outcomes.size() - accepted();
    }
}
