package dev.sieve.cli.dlq;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where one stage's dead letters go when they are replayed. */
interface ReplayRoute {

    /**
     * @param deadLetter a dead letter of the stage that was never replayed before
     * @param mark       the value of {@code sieve.dlq.replayed-from} naming it, for records that could come back
     */
    ReplayOutcome route(ConsumerRecord<byte[], byte[]> deadLetter, String mark);
}
