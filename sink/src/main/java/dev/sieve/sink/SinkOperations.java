package dev.sieve.sink;

import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.audit.StoreAudit;
import dev.sieve.sink.clickhouse.Grants;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.erasure.ErasureStatus;
import dev.sieve.sink.hold.ActiveHolds;
import dev.sieve.sink.hold.LegalHolds;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.Rejection;
import dev.sieve.sink.quarantine.QuarantineAudit;
import dev.sieve.sink.retention.RetentionAudit;
import dev.sieve.sink.retention.RetentionChanger;
import dev.sieve.sink.scan.StoredIdentifiers;
import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.store.Hold;
import dev.sieve.sink.store.Migration;
import dev.sieve.sink.store.QuarantineRecord;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.RetentionRecord;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.StoredValues;
import dev.sieve.sink.store.TimeWindow;
import dev.sieve.sink.subject.IncidentScope;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectAccess;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.sunset.AppSunset;
import dev.sieve.sink.sunset.SunsetRequest;
import dev.sieve.sink.sunset.TableSunset;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What an operator does with a deployment's sink, in the sink's terms: the public API the {@code sieve} command line
 * uses for the tables' schema, retention, legal holds, erasure status, subject export, app sunsets, the scan for
 * identifiers and the audit of the stores against the policy, and the
 * collector's rights API for subject export and erasure status. The regions' stores are
 * connected on first use (printing DDL or grants connects to nothing) and closed with this; the pseudonymization keys
 * are loaded only by what computes pseudonyms (holds, export, erasure-list entries).
 */
public final class SinkOperations implements AutoCloseable {

    /** Loads the subject identifiers (and so the keys) when an operation first needs them. */
    @FunctionalInterface
    public interface IdentifierSource {
        SubjectIdentifiers load() throws KeyException;
    }

    /**
     * A table as the policy defines it.
     *
     * @param retention the policy's retention
     * @param topic     the purpose topic that feeds it
     */
    public record Table(String name, Duration retention, String topic) {}

    private final TableCatalog catalog;
    private final SchemaOptions schema;
    private final Supplier<RegionStores> connect;
    private final IdentifierSource identifierSource;
    private final Clock clock;
    private RegionStores stores;
    private SubjectIdentifiers identifiers;

    public SinkOperations(TableCatalog catalog, SchemaOptions schema, Supplier<RegionStores> connect,
            IdentifierSource identifiers, Clock clock) {
        this.catalog = catalog;
        this.schema = schema;
        this.connect = connect;
        this.identifierSource = identifiers;
        this.clock = clock;
    }

    /** The operations on the deployment the context describes, through its production clients. */
    public static SinkOperations of(SinkContext context) {
        return new SinkOperations(context.catalog(), context.config().schema(),
                () -> new RegionStores(context.stores()), context::identifiers, Clock.systemUTC());
    }

    /** Every statement that brings a region's ClickHouse to the policy, in order; connects to nothing. */
    public List<String> ddl() {
        return Migrations.statements(catalog, schema);
    }

    /** The ClickHouse roles and grants of the policy, for an administrator to run; connects to nothing. */
    public List<String> grants() {
        return Grants.statements(catalog, schema);
    }

    /** Every configured region. */
    public List<String> regions() {
        return List.copyOf(stores().all().keySet());
    }

    /** Migrates every region, each to the end or to its first failure, and reports what changed. */
    public List<Migration> migrate() {
        return stores().all().values().stream().map(Store::migrateReporting).toList();
    }

    /** The policy's tables, in policy order. */
    public List<Table> tables() {
        return catalog.tables().stream().map(t -> new Table(t.name(), t.retention(), catalog.topic(t).name()))
                .toList();
    }

    /** Why the sink would reject the change, checked with the sink's own rules; connects to nothing. */
    public Optional<String> retentionRejection(RetentionChange change) {
        return RetentionChanger.check(catalog, change).map(Rejection::detail);
    }

    /** By region: the retention the table applies now; empty where the table or its retention is missing. */
    public Map<String, Optional<Duration>> retention(String table) {
        TableLayout layout = catalog.table(table).orElseThrow(() ->
                new IllegalArgumentException("the policy defines no table " + table));
        return stores().ask(store -> store.retention().current(layout));
    }

    /** By region: the table's latest recorded retention change; empty where there is none. */
    public Map<String, Optional<RetentionRecord>> lastRetentionChange(String table) {
        return new RetentionAudit(stores()).latest(table);
    }

    /** By region: the purpose's most recent quarantine or release the sink applied, with what became of the grants. */
    public Map<String, Optional<QuarantineRecord>> lastQuarantine(String purpose) {
        return new QuarantineAudit(stores()).latest(purpose);
    }

    /** By region: what the sink recorded for the change; empty where it has not read it yet. */

    public Map<String, Optional<RetentionRecord>> retentionOutcome(RetentionChange change) {
        return new RetentionAudit(stores()).of(change);
    }

    /** By region, oldest first: the legal holds in force. */
    public Map<String, List<Hold>> holds() {
        return new ActiveHolds(stores()).byRegion();
    }

    /** By region: the hold with this id, where it is in force. */
    public Map<String, List<Hold>> holds(String holdId) {
        return new ActiveHolds(stores()).withId(holdId);
    }

    /** Places the hold on every form of the subject's identifiers, in every region, audited. */
    public void placeHold(String holdId, Subject subject, String by, String reason) throws KeyException {
        legalHolds().place(holdId, subject, by, reason);
    }

    /** Lifts the hold in every region; the retention catches up and the erasures it deferred run. */
    public void liftHold(String holdId, String by, String reason) throws KeyException {
        legalHolds().lift(holdId, by, reason);
    }

    /** By region: the request's latest audit event; empty where it is unknown. */
    public Map<String, Optional<ErasureState>> erasureStatus(String requestId) {
        return new ErasureStatus(stores()).of(requestId);
    }

    /** Every form the tables may store the subject's identifiers in: raw, and every pseudonym a row may carry. */
    public Set<String> everyForm(Subject subject) throws KeyException {
        return identifiers().everyForm(subject);
    }

    /**
     * The values the region's tables store, for the scan for identifiers and an incident's scope.
     *
     * @throws IllegalArgumentException if the region is not configured
     */
    public StoredValues values(String region) {
        return stores().forRegion(region).orElseThrow(() ->
                new IllegalArgumentException("no store is configured for region " + region)).values();
    }

    /**
     * The anonymizer's recognizers over the stored values of every column the policy does not keep, in every region
     * ({@link StoredIdentifiers}): where identifiers are stored and how many values hold them, never a value. The
     * sink runs the same scan on a schedule ({@code scan.interval}).
     */
    public StoredIdentifiers.Result scanForIdentifiers() {
        return StoredIdentifiers.of(catalog, stores()).scan();
    }

    /**
     * Who is affected by a leak of the table's rows in the window, in every region ({@link IncidentScope}).
     *
     * @throws IllegalArgumentException if the policy defines no such table
     */
    public IncidentScope.Scope incidentScopeOfTable(String table, TimeWindow window) throws KeyException {
        TableLayout layout = catalog.table(table).orElseThrow(() ->
                new IllegalArgumentException("the policy defines no table " + table));
        return new IncidentScope(stores(), identifiers()).of(List.of(layout), window);
    }

    /**
     * Who is affected by a leak of the purpose's rows (every table of it) in the window, in every region.
     *
     * @throws IllegalArgumentException if the policy defines no such purpose
     */
    public IncidentScope.Scope incidentScopeOfPurpose(String purpose, TimeWindow window) throws KeyException {
        if (!catalog.policy().purposes().containsKey(purpose)) {
            throw new IllegalArgumentException("the policy defines no purpose " + purpose);
        }
        return new IncidentScope(stores(), identifiers()).of(catalog.tables().stream()
                .filter(t -> t.purpose().id().equals(purpose)).toList(), window);
    }

    /**
     * The region's store held against the policy ({@link Store#audit}): drifts of its tables, retention and
     * grants, and each non-raw table's k-anonymity. It only reads.
     *
     * @param sinkUser the user the sink connects to the region's store as
     * @throws IllegalArgumentException if the region is not configured
     */
    public StoreAudit storeAudit(String region, String sinkUser, Set<String> quarantined) {
        return stores().forRegion(region).orElseThrow(() ->
                new IllegalArgumentException("no store is configured for region " + region))
                .audit(sinkUser, quarantined);
    }

    /** Deletes or anonymizes an app's rows in every table of every region (only counts them when dry). */
    public List<TableSunset> sunset(SunsetRequest request, boolean dryRun) {
        return new AppSunset(catalog, stores(), clock).run(request, dryRun);
    }

    /**
     * Streams every stored row of the subject to {@code out} as JSON lines ({@link SubjectAccess#exportTo}), never
     * holding the export whole.
     *
     * @param app when present, only that app's rows
     * @throws IOException when writing to {@code out} failed
     */
    public SubjectAccess.Summary export(Subject subject, Optional<String> app, Writer out)
            throws KeyException, IOException {
        return new SubjectAccess(catalog, stores(), identifiers()).exportTo(subject, app, out);
    }

    private LegalHolds legalHolds() throws KeyException {
        SinkMetrics metrics = SinkMetrics.inMemory();
        SubjectIdentifiers ids = identifiers();
        Erasure erasure = new Erasure(catalog, stores(), ids, metrics, clock, Erasure.sweepDelay(catalog.policy()));
        return new LegalHolds(catalog, stores(), ids, erasure, metrics, clock);
    }

    /** Synchronized, as are the stores: the collector's rights API exports and checks erasures on two threads. */
    private synchronized SubjectIdentifiers identifiers() throws KeyException {
        if (identifiers == null) {
            identifiers = identifierSource.load();
        }
        return identifiers;
    }

    private synchronized RegionStores stores() {
        if (stores == null) {
            stores = connect.get();
        }
        return stores;
    }

    /** Closes the stores, if any was connected. */
    @Override
    public synchronized void close() {
        if (stores != null) {
            stores.close();
        }
    }
}
