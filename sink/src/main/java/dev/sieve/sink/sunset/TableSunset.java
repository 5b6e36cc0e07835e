package dev.sieve.sink.sunset;

/**
 * What a sunset did (or, dry, would do) to one table in one region.
 *
 * @param region  the region
 * @param table   the purpose table
 * @param before  the app's rows before
 * @param changed the app's rows deleted or anonymized: all but the held ones
 * @param held    the app's rows a legal hold covers: kept as they are
 * @param done    what happened, e.g. {@code deleted} or {@code anonymized: subject_id, device_id}
 * @param handled false when the table could not be sunset at all (the command then exits 1)
 */
public record TableSunset(String region, String table, long before, long changed, long held, String done,
        boolean handled) {}
