package dev.sieve.enrich.topology;

import dev.sieve.schemas.topic.DeadLetterReason;
import org.apache.avro.specific.SpecificRecord;

/** What enrichment made of one event: the enriched event, or why it was set aside. */
public sealed interface Outcome {

    record Enriched(SpecificRecord event) implements Outcome {}

    /** @param detail operator-facing, never a field value */
    record Rejected(DeadLetterReason reason, String detail) implements Outcome {}
}
