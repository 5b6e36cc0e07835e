package dev.sieve.ingest.rights;

import dev.sieve.ingest.adapter.kafka.ControlProducer;
import dev.sieve.ingest.adapter.kafka.ControlProducer.ControlWriteException;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.control.RightsRequestKind;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.erasure.ErasureListEntries;
import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.subject.Subject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an app's server may ask for a person (policy 4, 5): record their consent, erase them, export what is stored
 * about them. Each call files a {@link RightsRequest} in the {@link RightsRequests} register and drives it to
 * {@code done} or {@code failed}: consent at once, erasure when every region's sink audited it complete (checked by
 * {@link #progress()}), access when the export file is written. The subject's identifier is used for the work and
 * kept nowhere else: not in the register, not in a log line, not in a message.
 */
public final class RightsService {

    private static final Logger LOG = LoggerFactory.getLogger(RightsService.class);

    private final Topics topics;
    private final ControlProducer producer;
    private final RightsRequests register;
    private final ErasureListEntries erasureList;
    private final SinkOperations sink;
    private final AccessExports exports;
    private final ExecutorService exportWorker;

    public RightsService(Topics topics, ControlProducer producer, RightsRequests register,
            ErasureListEntries erasureList, SinkOperations sink, AccessExports exports,
            ExecutorService exportWorker) {
        this.topics = topics;
        this.producer = producer;
        this.register = register;
        this.erasureList = erasureList;
        this.sink = sink;
        this.exports = exports;
        this.exportWorker = exportWorker;
    }

    /**
     * Records the person's consent: the purposes granted become their {@code ConsentState} on
     * {@code sieve.control.consent}, which enrich joins to every later event. Done once Kafka acknowledged it.
     *
     * @param granted every purpose that asks consent, granted or not (checked by the caller)
     */
    public RightsRequest consent(String app, Subject subject, List<String> granted, String verifiedBy)
            throws ControlWriteException {
        RightsRequest request = register.received(app, RightsRequestKind.CONSENT, verifiedBy);
        String key = subject.subjectId().map(Topics::subjectKey).orElseGet(() -> Topics.deviceKey(
                subject.deviceId().orElseThrow()));
        ConsentState state = ConsentState.newBuilder().setSubjectId(subject.subjectId().orElse(null))
                .setDeviceId(subject.deviceId().orElse(null)).setPurposes(granted)
                .setUpdatedAt(request.getReceivedAt()).build();
        try {
            producer.publish(topics.consent(), key, state);
        } catch (ControlWriteException e) {
            recordFailure(request, "the consent was not recorded: Kafka did not acknowledge it; send it again");
            throw e;
        }
        return register.record(request, RightsRequestStatus.DONE, null);
    }

    /**
     * Files an erasure through the same flow as {@code sieve erase}: the erasure-list entry (anonymize feeds nothing
     * of the subject from then on), then the request the sink deletes the stored rows by, under the rights
     * request's id, so the sink's audit reports on it.
     */
    public RightsRequest erasure(String app, Subject subject, String verifiedBy) throws ControlWriteException {
        RightsRequest request = register.record(register.received(app, RightsRequestKind.ERASURE, verifiedBy),
                RightsRequestStatus.RECEIVED, null);
        ErasureRequest erasure = ErasureRequest.newBuilder().setRequestId(request.getRequestId())
                .setSubjectId(subject.subjectId().orElse(null)).setDeviceId(subject.deviceId().orElse(null))
                .setRequestedAt(request.getReceivedAt())
                .setRequestedBy("rights API, app " + app + ", identity verified by " + verifiedBy).build();
        try {
            // The entry's hashes need the live salts of rotating pseudonyms, read from Kafka too.
            producer.publish(topics.erasure(), erasureList.key(erasure), erasureList.of(erasure));
            producer.publish(topics.erasureRequests(), erasure.getRequestId(), erasure);
        } catch (ControlWriteException | RuntimeException e) {
            recordFailure(request, "the erasure was not filed: Kafka did not answer in time; file a new request");
            throw e;
        } catch (KeyException e) {
            // The keys were loaded at start-up (RightsApi); only a broken invariant gets here.
            recordFailure(request, "the erasure was not filed: the pseudonymization keys are unusable");
            throw new IllegalStateException(e.getMessage(), e);
        }
        return register.record(request, RightsRequestStatus.IN_PROGRESS, "filed; waiting for every region's sink");
    }

    /** Starts an export of everything stored about the subject by this app; the file is ready when it is done. */
    public RightsRequest access(String app, Subject subject, String verifiedBy) throws ControlWriteException {
        RightsRequest request = register.record(register.received(app, RightsRequestKind.ACCESS, verifiedBy),
                RightsRequestStatus.IN_PROGRESS, "exporting");
        exportWorker.execute(() -> export(request, subject));
        return request;
    }

    private void export(RightsRequest request, Subject subject) {
        try {
            AccessExports.Written written = exports.write(request.getRequestId(), request.getAppId(), subject);
            register.record(request, RightsRequestStatus.DONE, written.rows() + " rows from " + written.tables()
                    + " tables in " + written.regions() + " regions");
        } catch (Exception e) {
            // The type only: a ClickHouse message is redacted, but a file system's may name a path with the id.
            LOG.error("access export of request {} failed: {}", request.getRequestId(), e.getClass().getName());
            recordFailure(request, "the export failed (" + e.getClass().getSimpleName() + "); file a new request");
        }
    }

    /**
     * Fails the access requests whose export a collector sharing the export directory was writing when it stopped:
     * their files are incomplete and the subject, kept nowhere, cannot be exported again without a new request.
     * Called before serving and then with {@link #progress()}.
     */
    public void failInterruptedExports() throws IOException {
        for (String id : exports.removeInterrupted()) {
            register.open().stream().filter(r -> r.getRequestId().equals(id))
                    .filter(r -> r.getKind() == RightsRequestKind.ACCESS).findFirst()
                    .ifPresent(r -> recordFailure(r, "the export was interrupted: the collector stopped while "
                            + "writing it; file a new request"));
        }
    }

    /**
     * Moves open erasure requests on from the sink's audit: {@code done} once every region completed it. A region
     * that deferred it (legal hold) keeps it in progress, and says so. Removes access exports past their time, and
     * fails those interrupted.
     */
    public void progress() {
        try {
            exports.removeExpired();
            failInterruptedExports();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove expired or interrupted access exports: {}", e.getClass().getName());
        }
        for (RightsRequest r : register.open()) {
            if (r.getKind() != RightsRequestKind.ERASURE || r.getStatus() != RightsRequestStatus.IN_PROGRESS) {
                continue;
            }
            try {
                Map<String, Optional<ErasureState>> byRegion = sink.erasureStatus(r.getRequestId());
                boolean complete = byRegion.values().stream()
                        .allMatch(s -> s.filter(st -> st.event().equals("completed")).isPresent());
                TreeSet<String> deferred = new TreeSet<>();
                byRegion.forEach((region, s) -> s.filter(st -> st.event().equals("deferred"))
                        .ifPresent(st -> deferred.add(region)));
                if (complete) {
                    long rows = byRegion.values().stream().mapToLong(s -> s.orElseThrow().rowsDeleted()).sum();
                    register.record(r, RightsRequestStatus.DONE, rows + " rows deleted in " + byRegion.size()
                            + " regions");
                } else if (!deferred.isEmpty()) {
                    String detail = "deferred under a legal hold in " + deferred;
                    if (!detail.equals(r.getDetail())) {
                        register.record(r, RightsRequestStatus.IN_PROGRESS, detail);
                    }
                }
            } catch (RuntimeException | ControlWriteException e) {
                LOG.warn("could not check erasure request {}: {}", r.getRequestId(), e.getClass().getName());
            }
        }
    }

    private void recordFailure(RightsRequest request, String detail) {
        try {
            register.record(request, RightsRequestStatus.FAILED, detail);
        } catch (ControlWriteException e) {
            LOG.error("request {} failed and its failure could not be recorded: {}", request.getRequestId(),
                    e.getMessage());
        }
    }

    /** The export file of a finished access request, if this collector holds it. */
    public Optional<Path> exportOf(RightsRequest request) {
        return exports.file(request.getRequestId());
    }
}
