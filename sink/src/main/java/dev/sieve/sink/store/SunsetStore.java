package dev.sieve.sink.store;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import java.util.List;

/**
 * An app's rows in one region's tables, for its sunset. Rows a legal hold covers are never deleted nor changed:
 * the store excludes them in the statements that change rows, as erasure does.
 */
public interface SunsetStore {

    /** The app's rows of the table; only those a legal hold covers when {@code heldOnly}. */
    long count(TableLayout table, String app, boolean heldOnly);

    /** The columns among these that are part of a key of the table as it exists: changing them in place is impossible. */
    List<String> keyColumns(TableLayout table, List<Column> among);

    /** Deletes the app's rows no hold covers, physically, on every replica before it returns. */
    void delete(TableLayout table, String app);

    /**
     * Clears the columns of the app's rows no hold covers: each gets its type's empty value (NULL where the column is
     * Nullable, else the empty string, {@code ::} or the empty array).
     */
    void clear(TableLayout table, String app, List<Column> columns);

    /** Audits one event of a sunset; names the app, tables, who and why, never a subject. */
    void record(SunsetEvent event);
}
