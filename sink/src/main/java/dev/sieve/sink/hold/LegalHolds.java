package dev.sieve.sink.hold;

import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SinkTables;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.ddl.Tsv;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import dev.sieve.sink.write.RegionEndpoints;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Legal holds (policy 6.2, "legal exceptions"): while a hold covers a subject, neither the TTL nor an erasure
 * deletes the subject's rows. ClickHouse enforces it: every purpose table's TTL and every erasure statement
 * carry {@link dev.sieve.sink.ddl.HoldPredicate}, which excludes rows whose identifier is in
 * {@link SinkTables#HOLD_IDENTIFIERS}. Holds are written to every region's ClickHouse.
 */
public final class LegalHolds {

    private static final Logger LOG = LoggerFactory.getLogger(LegalHolds.class);

    private static final List<String> HOLD_COLUMNS = List.of("hold_id", "subject_id", "device_id", "placed_by",
            "placed_at", "reason");

    private final TableCatalog catalog;
    private final SchemaOptions options;
    private final RegionEndpoints endpoints;
    private final SubjectIdentifiers identifiers;
    private final Erasure erasure;
    private final SinkMetrics metrics;
    private final Clock clock;

    public LegalHolds(TableCatalog catalog, SchemaOptions options, RegionEndpoints endpoints,
            SubjectIdentifiers identifiers, Erasure erasure, SinkMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.options = options;
        this.endpoints = endpoints;
        this.identifiers = identifiers;
        this.erasure = erasure;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void place(String holdId, Subject subject, String placedBy, String reason) {
        for (ClickHouseGateway ch : endpoints.all().values()) {
            // identifiers go in as insert data, never as statement text (see SubjectLookup)
            ch.insert(Tsv.insert(options.qualified(SinkTables.LEGAL_HOLDS), HOLD_COLUMNS, List.of(Arrays.asList(
                    holdId, subject.subjectId().orElse(null), subject.deviceId().orElse(null), placedBy,
                    Tsv.time(clock.instant()), reason))));
            addIdentifiers(ch, holdId, identifiers.everyForm(subject));
            audit(ch, holdId, "placed", placedBy, reason);
        }
        metrics.control(SinkMetrics.Control.HOLD, SinkMetrics.Outcome.APPLIED);
        LOG.info("legal hold {} placed", holdId);
    }

    /**
     * Lifts a hold, lets the TTL catch up on the rows it protected and runs the erasures it deferred.
     *
     * <p>{@code MATERIALIZE TTL} is needed because a TTL merge that kept rows for a hold records the part as
     * having nothing left to expire; without it the rows would outlive their retention until an unrelated
     * merge happens to rewrite their part (observed with ClickHouse 26.9).
     */
    public void lift(String holdId, String liftedBy, String reason) {
        for (ClickHouseGateway ch : endpoints.all().values()) {
            for (String table : List.of(SinkTables.HOLD_IDENTIFIERS, SinkTables.LEGAL_HOLDS)) {
                ch.execute("ALTER TABLE " + options.qualified(table) + options.onCluster() + " DELETE WHERE hold_id = "
                        + SqlLiteral.string(holdId) + " SETTINGS mutations_sync = 2");
            }
            audit(ch, holdId, "lifted", liftedBy, reason);
            for (TableLayout t : catalog.tables()) {
                if (!t.identifierColumns().isEmpty()) {
                    ch.execute("ALTER TABLE " + options.storage(t.name()) + options.onCluster()
                            + " MATERIALIZE TTL SETTINGS mutations_sync = 2");
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
        for (ClickHouseGateway ch : endpoints.all().values()) {
            for (List<String> hold : rows(ch, "SELECT hold_id, subject_id, device_id FROM "
                    + options.qualified(SinkTables.LEGAL_HOLDS))) {
                Subject subject = new Subject(Optional.ofNullable(hold.get(1)), Optional.ofNullable(hold.get(2)));
                Set<String> missing = new HashSet<>(identifiers.everyForm(subject));
                rows(ch, "SELECT identifier FROM " + options.qualified(SinkTables.HOLD_IDENTIFIERS)
                        + " WHERE hold_id = " + SqlLiteral.string(hold.get(0))).forEach(r -> missing.remove(r.get(0)));
                addIdentifiers(ch, hold.get(0), missing);
            }
        }
    }

    private void addIdentifiers(ClickHouseGateway ch, String holdId, Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        ch.insert(Tsv.insert(options.qualified(SinkTables.HOLD_IDENTIFIERS), List.of("identifier", "hold_id"),
                ids.stream().map(id -> List.of(id, holdId)).toList()));
    }

    private void audit(ClickHouseGateway ch, String holdId, String event, String actor, String reason) {
        ch.execute("INSERT INTO " + options.qualified(SinkTables.HOLD_AUDIT) + " (hold_id, event, actor, at, reason)"
                + " VALUES (" + SqlLiteral.string(holdId) + ", " + SqlLiteral.string(event) + ", "
                + SqlLiteral.string(actor) + ", " + SqlLiteral.time(clock.instant()) + ", " + SqlLiteral.string(reason)
                + ")");
    }

    static List<List<String>> rows(ClickHouseGateway ch, String sql) {
        return Tsv.parse(ch.query(sql, "TSV"));
    }
}
