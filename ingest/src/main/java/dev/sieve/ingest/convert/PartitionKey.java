package dev.sieve.ingest.convert;

import dev.sieve.schemas.event.Envelope;

/**
 * The Kafka key of a raw event: the device id, else the subject id, else the event id. Kafka keeps one key's
 * records in one partition, in order, so one device's (or, without a device, one subject's) events are read in
 * the order they were sent.
 */
final class PartitionKey {

    private PartitionKey() {}

    static String of(Envelope envelope) {
        if (envelope.getDeviceId() != null && !envelope.getDeviceId().isEmpty()) {
            return envelope.getDeviceId();
        }
        if (envelope.getSubjectId() != null && !envelope.getSubjectId().isEmpty()) {
            return envelope.getSubjectId();
        }
        return envelope.getEventId();
    }
}
