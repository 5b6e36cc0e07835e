package dev.sieve.ingest.rights;

import dev.sieve.schemas.topic.CompactedTopicFollower;
import dev.sieve.ingest.adapter.kafka.ControlProducer;
import dev.sieve.ingest.adapter.kafka.ControlProducer.ControlWriteException;
import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.control.RightsRequestKind;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;

/**
 * The register of subject-rights requests: every request's latest state, kept on the compacted
 * {@code sieve.control.rights-requests} (so it survives restarts and every collector sees the same) and in memory
 * (rights requests are few). Each change is published and acknowledged before it counts; the records name the
 * request and the app, never the subject.
 */
public final class RightsRequests {

    /** A state read back that is older than the one held (published by this collector, read later) is ignored. */
    private static final Comparator<RightsRequest> NEWER = Comparator
            .comparing(RightsRequest::getUpdatedAt).thenComparing(r -> r.getStatus().ordinal());

    private final ConcurrentMap<String, RightsRequest> byId = new ConcurrentHashMap<>();
    private final ControlProducer producer;
    private final TopicSpec<String, RightsRequest> topic;
    private final Duration responsePeriod;
    private final Clock clock;

    /**
     * @param responsePeriod the policy's {@code response_period}: a request is due this long after it was received
     */
    public RightsRequests(ControlProducer producer, TopicSpec<String, RightsRequest> topic, Duration responsePeriod,
            Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.responsePeriod = responsePeriod;
        this.clock = clock;
    }

    /** Takes a state read from the topic; a tombstone forgets the request. */
    public void apply(String requestId, RightsRequest state) {
        if (state == null) {
            byId.remove(requestId);
        } else {
            byId.merge(requestId, state, (held, read) -> NEWER.compare(read, held) >= 0 ? read : held);
        }
    }

    /** A new request, received now and due a response period later; not yet published. */
    public RightsRequest received(String app, RightsRequestKind kind, String verifiedBy) {
        Instant now = now();
        return RightsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setAppId(app).setKind(kind)
                .setStatus(RightsRequestStatus.RECEIVED).setVerifiedBy(verifiedBy).setReceivedAt(now)
                .setDueAt(now.plus(responsePeriod)).setUpdatedAt(now).setDetail(null).build();
    }

    /** Publishes the request in a new state and holds it once Kafka acknowledged it. */
    public RightsRequest record(RightsRequest request, RightsRequestStatus status, String detail)
            throws ControlWriteException {
        RightsRequest next = RightsRequest.newBuilder(request).setStatus(status).setDetail(detail)
                .setUpdatedAt(later(request.getUpdatedAt())).build();
        producer.publish(topic, next.getRequestId(), next);
        apply(next.getRequestId(), next);
        return next;
    }

    /** The request, if it exists and the app filed it: an app never learns of another app's requests. */
    public Optional<RightsRequest> of(String app, String requestId) {
        return Optional.ofNullable(byId.get(requestId)).filter(r -> r.getAppId().equals(app));
    }

    /** Requests not done or failed yet, of every app. */
    public List<RightsRequest> open() {
        return byId.values().stream().filter(RightsRequests::isOpen).toList();
    }

    /** Open requests of a kind past their due date. */
    public long overdue(RightsRequestKind kind) {
        Instant now = now();
        return byId.values().stream()
                .filter(r -> r.getKind() == kind && isOpen(r) && r.getDueAt().isBefore(now)).count();
    }

    static boolean isOpen(RightsRequest r) {
        return r.getStatus() == RightsRequestStatus.RECEIVED || r.getStatus() == RightsRequestStatus.IN_PROGRESS;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Now, or just after {@code previous} when the clock has not moved on: states must stay ordered. */
    private Instant later(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }

    /** Follows the topic into this register; call once, before serving. */
    public CompactedTopicFollower<RightsRequest> follow(KafkaConfig kafka, Duration timeout) throws TimeoutException {
        return CompactedTopicFollower.start(kafka.followerClient(topic), topic, this::apply, timeout);
    }
}
