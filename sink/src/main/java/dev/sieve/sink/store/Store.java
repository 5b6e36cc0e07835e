package dev.sieve.sink.store;

import dev.sieve.sink.audit.StoreAudit;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import java.util.List;
import java.util.Set;

/**
 * Everything the sink asks of one region's storage, in the sink's terms: the purpose tables of the
 * {@link dev.sieve.sink.model.TableCatalog}, their retention, legal holds, erasure and subject access. ClickHouse is
 * one adapter ({@code dev.sieve.sink.clickhouse.ClickHouseStore}). Implementations throw {@link StoreFailure} for
 * every failure, already classified, with a message that quotes no row values, and never put an identifier into
 * anything the store logs.
 */
public interface Store extends AutoCloseable {

    /** The region this store holds: two regions may share one server, and each sees only its own rows. */
    String region();

    /**
     * The tables {@link #insert} writes into. The writer stores a batch's rows of every region whose store has this
     * target with one insert, through any one of those stores, so {@link #insert} must take rows of each of them.
     */
    StoreTarget target();

    /** Brings the store to the catalog's tables; running it twice changes nothing, and it never drops anything. */
    void migrate();

    /**
     * {@link #migrate()} for an operator: reports what it changed, and a failure stops the region's migration and is
     * reported rather than thrown; running it again once the cause is fixed finishes the job.
     */
    Migration migrateReporting();

    /** How rows of the table are encoded for {@link #insert}; not thread-safe. */
    RowEncoder encoder(TableLayout table);

    /**
     * Inserts one batch of rows {@link #encoder encoded} for the table, in the given order, and returns once they
     * are durable. A batch with a token already stored is dropped by the store, so a replay stores nothing twice.
     *
     * @throws StoreFailure {@link StoreFailure.Kind#REJECTED_ROWS} when the store refuses a row of the batch
     */
    void insert(TableLayout table, List<byte[]> rows, String dedupToken);

    RetentionStore retention();

    HoldStore holds();

    ErasureStore erasures();

    SunsetStore sunsets();

    QuarantineStore quarantines();

    /** The values of the tables' text columns, for scans and incident scopes. */
    StoredValues values();

    /**
     * Stores every form of the subject's identifiers where the store can search by them without naming them in any
     * statement, for one operation; close the result when done, which removes them.
     */
    SubjectRows find(Subject subject, SubjectIdentifiers identifiers);

    /**
     * Reads what the store holds (tables, columns, retention, grants) and holds it against the catalog's policy,
     * measuring the k-anonymity of every non-raw table. It only reads.
     *
     * @param sinkUser    the user the sink connects to this region's store as: the only one that may hold the
     *                    store's control role
     * @param quarantined the purposes quarantined now: their readers must have lost access to their tables
     */
    StoreAudit audit(String sinkUser, Set<String> quarantined);

    @Override
    void close();
}
