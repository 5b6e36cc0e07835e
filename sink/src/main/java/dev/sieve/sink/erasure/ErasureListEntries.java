package dev.sieve.sink.erasure;

import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.subject.Subject;
import java.util.Optional;
import java.util.Set;

/**
 * How an erasure request becomes its entry on the erasure list ({@code sieve.control.erasure}): keyed by the
 * {@link ErasureListKey} hash of {@link Topics#subjectKey} or {@link Topics#deviceKey}, holding only keyed hashes.
 * Whoever files an erasure (the operator CLI, the collector's rights API) publishes this entry before the request.
 *
 * @param erasureList the list's key
 * @param forms       every stored form of a subject, whose keyed hashes the entry carries
 *                    ({@link dev.sieve.sink.SinkOperations#everyForm})
 */
public record ErasureListEntries(ErasureListKey erasureList, Forms forms) {

    /** Every form the tables may store a subject's identifiers in. */
    @FunctionalInterface
    public interface Forms {
        Set<String> of(Subject subject) throws KeyException;
    }

    /** The entry's key: the keyed hash of the subject's control key, or the device's. */
    public String key(ErasureRequest request) {
        return request.getSubjectId() != null ? erasureList.subject(request.getSubjectId())
                : erasureList.device(request.getDeviceId());
    }

    /**
     * The entry: keyed hashes of every form a table stores the identifier in, so a dead letter's row can be
     * recognized as erased ({@code sieve dlq replay}) without the list naming anyone.
     */
    public ErasedIdentifier of(ErasureRequest request) throws KeyException {
        Subject subject = new Subject(Optional.ofNullable(request.getSubjectId()),
                Optional.ofNullable(request.getDeviceId()));
        return ErasedIdentifier.newBuilder().setRequestId(request.getRequestId())
                .setErasedAt(request.getRequestedAt())
                .setFormHashes(forms.of(subject).stream().map(erasureList::hash).sorted().toList())
                .build();
    }
}
