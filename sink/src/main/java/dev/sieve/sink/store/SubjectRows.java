package dev.sieve.sink.store;

import dev.sieve.sink.model.TableLayout;
import java.io.IOException;
import java.util.Optional;

/**
 * One subject's rows in one region, for one operation (an erasure, an export, a hold check). Closing it removes
 * whatever the store kept to find them.
 */
public interface SubjectRows extends AutoCloseable {

    /** Whether a legal hold covers any form of the subject. */
    boolean held();

    /** Deletes the subject's rows of the table that no hold covers, physically; returns how many there were. */
    long erase(TableLayout table);

    /**
     * Replaces the subject's raw id where the column names it as another person's peer, in rows no hold covers;
     * returns how many values were replaced.
     */
    long redactPeer(TableLayout table, String column, String replacement);

    /**
     * Hands the subject's rows of the table, held ones included, to {@code rows} one JSON object at a time as the
     * store reads them, so an export of any size is never held whole; returns how many there were.
     *
     * @param app when present, only that app's rows; the table must then have an {@code app_id} column
     * @throws IOException when {@code rows} failed (its own output, not the store's)
     */
    long export(TableLayout table, Optional<String> app, RowConsumer rows) throws IOException;

    /** Takes one exported row, as a JSON object on one line. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(String row) throws IOException;
    }

    @Override
    void close();
}
