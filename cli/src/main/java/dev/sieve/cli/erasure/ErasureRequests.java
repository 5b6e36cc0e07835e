package dev.sieve.cli.erasure;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.Poller;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.erasure.ErasureListEntries;
import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.subject.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Erasure requests from the operator (policy 5.1-5.2), published twice: first the erasure-list entry on
 * {@code sieve.control.erasure} (compacted, kept forever; {@link ErasureListEntries}: keyed hashes only), from
 * which anonymize stops feeding every purpose with the subject; then the request itself, with the raw identifier
 * the sink needs to find the stored rows, on {@code sieve.control.erasure-requests}, which expires it after
 * {@link Topics#ERASURE_REQUEST_RETENTION}. Followed through the sink's audit ({@link SinkOperations#erasureStatus})
 * when asked.
 *
 * <p>The request id is what the audit table and every message name instead of the subject; it is made of letters,
 * digits, {@code . _ -}, so it cannot be an e-mail address typed into the wrong option.
 */
public final class ErasureRequests {

    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String BAD_ID = "--id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
            + " digit";

    /** The audit's word per region; {@code finished} once every region completed or deferred it. */
    public record Outcome(boolean finished, Map<String, Optional<ErasureState>> byRegion) {}

    /** The sink's word on a request, by region ({@link SinkOperations#erasureStatus}). */
    @FunctionalInterface
    public interface Status {
        Map<String, Optional<ErasureState>> of(String requestId);
    }

    private final Topics topics;
    private final Supplier<String> newIds;

    public ErasureRequests(Topics topics) {
        this(topics, () -> UUID.randomUUID().toString());
    }

    ErasureRequests(Topics topics, Supplier<String> newIds) {
        this.topics = topics;
        this.newIds = newIds;
    }

    /**
     * The request, checked; a random id unless one is given.
     *
     * @throws CliFailure exit 2 for a malformed id or a blank author
     */
    public ErasureRequest request(Optional<String> requestId, Subject subject, String by, Instant now) {
        if (requestId.isPresent() && !REQUEST_ID.matcher(requestId.get()).matches()) {
            throw CliFailure.usage(BAD_ID);
        }
        if (by.isBlank()) {
            throw CliFailure.usage("--by must name who files the erasure");
        }
        if (subject.subjectId().isPresent() == subject.deviceId().isPresent()) {
            // Control records are keyed by subject or by device, never both (Topics.subjectKey).
            throw new IllegalArgumentException("an erasure request names a subject or a device, not both");
        }
        return ErasureRequest.newBuilder().setRequestId(requestId.orElseGet(newIds))
                .setSubjectId(subject.subjectId().orElse(null)).setDeviceId(subject.deviceId().orElse(null))
                .setRequestedAt(now.truncatedTo(ChronoUnit.MILLIS)).setRequestedBy(by).build();
    }

    /** Refuses an id the sink's audit already knows: its status would be another request's. */
    public static void checkUnused(Status status, String requestId) {
        if (status.of(requestId).values().stream().anyMatch(Optional::isPresent)) {
            throw CliFailure.usage("erasure request id " + requestId + " is already in use: choose another --id or"
                    + " leave it out");
        }
    }

    /**
     * Publishes the list entry, then the request, and returns once Kafka acknowledged both. The entry goes first:
     * anonymize stops feeding the subject before the sink starts deleting, so nothing new arrives behind it.
     *
     * @return where the request went
     */
    public RecordMetadata publish(ControlPublisher publisher, ErasureRequest request, ErasureListEntries entries)
            throws InterruptedException, KeyException {
        publisher.publish(topics.erasure(), entries.key(request), entries.of(request));
        return publisher.publish(topics.erasureRequests(), request.getRequestId(), request);
    }

    /** Follows the audit until every region completed or deferred the request, or time is up. */
    public static Outcome await(Status status, String requestId, Poller poller, Duration timeout)
            throws InterruptedException {
        Optional<Outcome> done = poller.until(timeout, () -> {
            Map<String, Optional<ErasureState>> now = status.of(requestId);
            boolean finished = now.values().stream().allMatch(s -> s.filter(ErasureRequests::settled).isPresent());
            return finished ? Optional.of(new Outcome(true, now)) : Optional.empty();
        });
        return done.orElseGet(() -> new Outcome(false, status.of(requestId)));
    }

    static boolean settled(ErasureState s) {
        return s.event().equals("completed") || s.event().equals("deferred");
    }

    /** One line per region. */
    public static List<String> lines(Map<String, Optional<ErasureState>> byRegion) {
        List<String> out = new ArrayList<>();
        byRegion.forEach((region, state) -> out.add(region + ": " + state.map(ErasureRequests::describe)
                .orElse("unknown: the sink has not read the request (yet), or the id is wrong")));
        return out;
    }

    static String describe(ErasureState s) {
        String at = s.at().truncatedTo(ChronoUnit.SECONDS).toString();
        return switch (s.event()) {
            case "completed" -> "completed " + at + ", " + (s.rowsDeleted() == 0 && s.tables().isEmpty()
                    ? "no rows were stored"
                    : s.rowsDeleted() + " rows deleted" + (s.tables().isEmpty() ? ""
                    : " from " + String.join(", ", s.tables())));
            case "deferred" -> "deferred " + at + ": the subject is under a legal hold; the erasure runs when it is"
                    + " lifted";
            case "requested" -> "requested " + at + ": in progress";
            default -> s.event() + " " + at;
        };
    }
}
