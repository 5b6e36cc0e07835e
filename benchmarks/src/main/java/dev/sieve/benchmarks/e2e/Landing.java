package dev.sieve.benchmarks.e2e;

import dev.sieve.benchmarks.e2e.PipelineMeters.Batch;
import dev.sieve.local.LocalPipeline;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each event of a paced phase was in ClickHouse, read back from the tables once the phase is over (asking
 * while it runs would queue behind the sink's inserts in the one engine process and slow what is measured).
 *
 * <p>A row of a raw purpose's table names its event ({@code event_id}) and carries the sink's exact
 * {@code _ingested_at}, the start of its batch; adding that batch's duration ({@link PipelineMeters.Batch}) gives
 * the moment ClickHouse had acknowledged the row. Per event this gives when its first row and when its last row in
 * those tables ({@link Tables#attributable}) were stored. The other purposes' rows cannot be attributed, by design:
 * their event key is a pseudonym and their insert time is kept to the hour. They go through the same sink writer,
 * whose round over every table is what a raw table's row waits for.
 */
public final class Landing {

    /** How far before its rows' stamp a batch's estimated start may be: two truncations to the millisecond. */
    private static final long ROUNDING_MILLIS = 2;

    /**
     * Per event, by sequence number: epoch milliseconds.
     *
     * @param firstStored  the first of its rows acknowledged by ClickHouse
     * @param lastStored   the last of its rows acknowledged: the event has fully landed
     * @param lastStamped  the latest {@code _ingested_at} of its rows: when the sink took up the last row's batch
     */
    public record Times(long[] firstStored, long[] lastStored, long[] lastStamped) {}

    private Landing() {}

    /**
     * Reads the rows of the events {@code <prefix>-0 … <prefix>-(n-1)} from every table.
     *
     * @throws IllegalStateException if an event has not exactly one row in each table its family feeds, or a row's
     *                               batch is not known
     */
    public static Times read(LocalPipeline pipeline, Tables tables, String prefix, int n, List<Batch> batches) {
        Map<String, List<Batch>> byTable = batchesByTable(batches);
        long[] first = new long[n];
        long[] last = new long[n];
        long[] stamped = new long[n];
        int[] rows = new int[n];
        Arrays.fill(first, Long.MAX_VALUE);
        long unmatched = 0;
        for (TableLayout table : tables.allAttributable()) {
            List<Batch> tableBatches = byTable.getOrDefault(table.name(), List.of());
            String tsv = pipeline.query("SELECT event_id, toUnixTimestamp64Milli(" + TableLayout.INGESTED_AT
                    + ") FROM " + LocalPipeline.DATABASE + "." + table.name() + " WHERE startsWith(event_id, '"
                    + prefix + "-')", "TabSeparated");
            for (String line : tsv.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                int seq = Integer.parseInt(line.substring(prefix.length() + 1, tab));
                long ingestedAt = Long.parseLong(line.substring(tab + 1));
                Batch batch = batchOf(tableBatches, ingestedAt);
                if (batch == null) {
                    unmatched++;
                    continue;
                }
                long stored = ingestedAt + batch.durationMillis();
                rows[seq]++;
                first[seq] = Math.min(first[seq], stored);
                last[seq] = Math.max(last[seq], stored);
                stamped[seq] = Math.max(stamped[seq], ingestedAt);
            }
        }
        if (unmatched > 0) {
            throw new IllegalStateException(unmatched + " rows of " + prefix + " match no sink batch");
        }
        List<String> wrong = new ArrayList<>();
        for (int seq = 0; seq < n && wrong.size() < 5; seq++) {
            EventFamily family = MixedEvents.family(seq);
            if (rows[seq] != tables.attributable(family).size()) {
                wrong.add(prefix + "-" + seq + " (" + family.id() + "): " + rows[seq] + " rows, expected "
                        + tables.attributable(family).size());
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("events without exactly one row per raw purpose's table: " + wrong);
        }
        return new Times(first, last, stamped);
    }

    /** Per table, its batches sorted by estimated start. */
    private static Map<String, List<Batch>> batchesByTable(List<Batch> batches) {
        Map<String, List<Batch>> byTable = new HashMap<>();
        for (Batch b : batches) {
            byTable.computeIfAbsent(b.table(), t -> new ArrayList<>()).add(b);
        }
        byTable.values().forEach(list -> list.sort(Comparator.comparingLong(Batch::startEstimateMillis)));
        return byTable;
    }

    /**
     * The batch that started at {@code ingestedAt}: the first whose estimated start is not before it. An estimate
     * is late by the wait between the batch's end and its recording, never early (but for rounding); and the sink's
     * one writer thread records a batch before it starts the next, so an earlier batch's estimate lies before the
     * next batch's stamp, by at least that earlier batch's duration.
     */
    private static Batch batchOf(List<Batch> batches, long ingestedAt) {
        int lo = 0;
        int hi = batches.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (batches.get(mid).startEstimateMillis() < ingestedAt - ROUNDING_MILLIS) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < batches.size() ? batches.get(lo) : null;
    }
}
