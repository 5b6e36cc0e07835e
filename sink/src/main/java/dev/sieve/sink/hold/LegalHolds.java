package dev.sieve.sink.hold;

import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.Hold;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Legal holds (policy 6.2, "legal exceptions"): while a hold covers a subject, neither the retention nor an erasure
 * deletes the subject's rows. The store enforces it ({@link dev.sieve.sink.store.HoldStore}): a hold lists every
 * form of the subject's identifiers, the raw values and their pseudonyms under every key of every purpose, and no
 * row carrying one of them is deleted. Holds are written to every region's store.
 */
public final class LegalHolds {

    private static final Logger LOG = LoggerFactory.getLogger(LegalHolds.class);

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final SubjectIdentifiers identifiers;
    private final Erasure erasure;
    private final SinkMetrics metrics;
    private final Clock clock;

    public LegalHolds(TableCatalog catalog, RegionStores stores, SubjectIdentifiers identifiers, Erasure erasure,
            SinkMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.stores = stores;
        this.identifiers = identifiers;
        this.erasure = erasure;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void place(String holdId, Subject subject, String placedBy, String reason) {
        for (Store store : stores.all().values()) {
            store.holds().place(new Hold(holdId, subject, placedBy, clock.instant(), reason),
                    identifiers.everyForm(subject));
            store.holds().record(holdId, "placed", placedBy, clock.instant(), reason);
        }
        metrics.control(SinkMetrics.Control.HOLD, SinkMetrics.Outcome.APPLIED);
        LOG.info("legal hold {} placed", holdId);
    }

    /** Lifts a hold, lets the retention catch up on the rows it protected and runs the erasures it deferred. */
    public void lift(String holdId, String liftedBy, String reason) {
        for (Store store : stores.all().values()) {
            store.holds().remove(holdId);
            store.holds().record(holdId, "lifted", liftedBy, clock.instant(), reason);
            for (TableLayout t : catalog.tables()) {
                if (!t.identifierColumns().isEmpty()) {
                    store.retention().reapply(t);
                }
            }
        }
        LOG.info("legal hold {} lifted", holdId);
        erasure.resumeDeferred();
    }

    /**
     * Adds identifier forms that active holds lack, after the key rings gained an epoch or a new salt of a
     * rotating pseudonym was created: the sink calls it at start-up, when it loads the keys, and every hour
     * while the policy rotates pseudonyms.
     */
    public void refresh() {
        for (Store store : stores.all().values()) {
            for (Hold hold : store.holds().list(Optional.empty())) {
                Set<String> missing = new HashSet<>(identifiers.everyForm(hold.subject()));
                missing.removeAll(store.holds().forms(hold.holdId()));
                store.holds().addForms(hold.holdId(), missing);
            }
        }
    }
}
