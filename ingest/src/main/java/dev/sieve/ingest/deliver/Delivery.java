package dev.sieve.ingest.deliver;

import dev.sieve.ingest.metrics.IngestMetrics;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.Source;
import dev.sieve.ingest.port.EventLog;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step: writes a judged batch (accepted events to their raw topics, rejected ones to the dead-letter
 * topic) and returns only when Kafka has acknowledged every record, so an answer of 200 means nothing of the
 * batch can be lost. Counts what it wrote.
 */
public final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final EventLog log;
    private final IngestMetrics metrics;
    private final Duration maxWait;

    /**
     * @param maxWait a safety net over the producer's own timeouts, which normally end a failed write first
     */
    public Delivery(EventLog log, IngestMetrics metrics, Duration maxWait) {
        this.log = log;
        this.metrics = metrics;
        this.maxWait = maxWait;
    }

    /**
     * @throws DeliveryFailedException if Kafka did not acknowledge every record
     */
    public BatchResult deliver(Source source, String appId, String clientAddress, List<EventOutcome> outcomes)
            throws DeliveryFailedException {
        List<EventOutcome.Accepted> accepted = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (EventOutcome o : outcomes) {
            if (o instanceof EventOutcome.Accepted a) {
                accepted.add(a);
            } else if (o instanceof EventOutcome.Rejected r) {
                deadLetters.add(DeadLetter.received(r.original(), r.rejection().reason(), r.rejection().message(),
                        appId));
            }
        }
        metrics.batch(source, outcomes.size());
        write(accepted, deadLetters, clientAddress);
        count(source, appId, outcomes);
        return new BatchResult(outcomes);
    }

    /** Writes a whole body that could not be split into events to the dead-letter topic. */
    public void deadLetter(Source source, String appId, DeadLetterReason reason, String message, byte[] body)
            throws DeliveryFailedException {
        write(List.of(), List.of(DeadLetter.received(body, reason, message, appId)), null);
        metrics.rejected(source, appId, Optional.empty(), reason, 1);
    }

    private void write(List<EventOutcome.Accepted> accepted, List<DeadLetter> deadLetters, String clientAddress)
            throws DeliveryFailedException {
        long start = System.nanoTime();
        try {
            log.write(accepted, deadLetters, clientAddress).get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            metrics.produce(true, Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            metrics.produce(false, Duration.ofNanos(System.nanoTime() - start));
            Throwable cause = e.getCause();
            boolean transientFailure = cause instanceof RetriableException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException;
            // Kafka's messages name topics and partitions, never record contents.
            LOG.warn("Kafka did not acknowledge a batch of {} records: {}", accepted.size() + deadLetters.size(),
                    cause.toString());
            throw new DeliveryFailedException("Kafka did not acknowledge the batch", transientFailure, cause);
        } catch (TimeoutException e) {
            metrics.produce(false, Duration.ofNanos(System.nanoTime() - start));
            LOG.warn("Kafka did not acknowledge a batch of {} records within {}", accepted.size() + deadLetters.size(),
                    maxWait);
            throw new DeliveryFailedException("Kafka did not acknowledge the batch in time", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while waiting for Kafka", true, e);
        }
    }

    /** What rejected events are counted by. */
    private record RejectionKind(Optional<EventFamily> family, DeadLetterReason reason) {}

    /** One counter increment per (family, outcome, reason) rather than per event. */
    private void count(Source source, String appId, List<EventOutcome> outcomes) {
        Map<EventFamily, Long> accepted = new EnumMap<>(EventFamily.class);
        Map<RejectionKind, Long> rejected = new HashMap<>();
        for (EventOutcome o : outcomes) {
            if (o instanceof EventOutcome.Accepted a) {
                accepted.merge(a.eventFamily(), 1L, Long::sum);
            } else if (o instanceof EventOutcome.Rejected r) {
                rejected.merge(new RejectionKind(r.family(), r.rejection().reason()), 1L, Long::sum);
            }
        }
        accepted.forEach((family, n) -> metrics.accepted(source, appId, family, n));
        rejected.forEach((kind, n) -> metrics.rejected(source, appId, kind.family(), kind.reason(), n));
    }
}
