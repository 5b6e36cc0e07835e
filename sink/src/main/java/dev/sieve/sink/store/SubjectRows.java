package dev.sieve.sink.store;

import dev.sieve.sink.model.TableLayout;

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

    /** The subject's rows of the table, held ones included, as JSON lines; empty when there are none. */
    String export(TableLayout table);

    @Override
    void close();
}
