package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import java.util.List;
import java.util.Optional;

/**
 * The SQL condition "no legal hold covers this row", shared by the TTL and by erasure so ClickHouse itself
 * refuses to delete held rows, whichever statement asks.
 *
 * <p>A hold lists every form of the held subject's identifiers in {@link SinkTables#HOLD_IDENTIFIERS}: the
 * raw values and their pseudonyms under every key of every purpose. A row is held when any of its
 * identifier columns is in that list. Nullable columns are wrapped in {@code ifNull(c, '')}: in ClickHouse
 * {@code NULL NOT IN (...)} is NULL, which a TTL's WHERE treats as false, so rows without the identifier
 * would never expire.
 */
public final class HoldPredicate {

    private HoldPredicate() {}

    /** The condition, or empty for tables without identifier columns, which no hold can reach. */
    public static Optional<String> notHeld(TableLayout layout, SchemaOptions options) {
        List<String> conditions = conditions(layout, options);
        return conditions.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", conditions));
    }

    /** One condition per identifier column, in column order; {@link #notHeld} is their conjunction. */
    public static List<String> conditions(TableLayout layout, SchemaOptions options) {
        String held = "(SELECT identifier FROM " + options.qualified(SinkTables.HOLD_IDENTIFIERS) + ")";
        return layout.identifierColumns().stream().map(c -> valueOf(c) + " NOT IN " + held).toList();
    }

    static String valueOf(Column c) {
        return c.nullable() ? "ifNull(" + c.name() + ", '')" : c.name();
    }
}
