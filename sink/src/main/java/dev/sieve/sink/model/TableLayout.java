package dev.sieve.sink.model;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.IdentifierForm;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.purpose.PurposeSchemas;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * One purpose table, {@code <purpose>_<family>}, derived from the policy and the purpose record layout
 * ({@link PurposeSchemas}): one column per kept field in policy order, then the sink-owned
 * {@link #INGESTED_AT}.
 *
 * <p>Time column: {@code event_time} when the purpose keeps it, else {@link #INGESTED_AT}. Some purposes drop
 * the event time (analytics keeps only a generalized {@code started_at} of calls), yet every table needs a
 * time for partitioning and its TTL; the sink's own insert time is the one time every row has.
 *
 * @param purpose   the purpose
 * @param family    the event family
 * @param schema    the purpose record layout the topic carries
 * @param columns   columns in table order
 * @param retention the policy's retention for the table (ops may change it at run time)
 */
public record TableLayout(Purpose purpose, EventFamily family, Schema schema, List<Column> columns,
        Duration retention) {

    /** Sink-owned column: when the sink inserted the row. Always present, never Nullable. */
    public static final String INGESTED_AT = "_ingested_at";
    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_ID = "event_id";
    /** The event's region, which the writer routes by: the rows of one region in a table shared with others. */
    public static final String REGION = "region";
    public static final String APP_ID = "app_id";

    public TableLayout {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(retention, "retention");
        columns = List.copyOf(columns);
    }

    public static TableLayout of(Purpose purpose, FamilyRule rule) {
        Schema schema = PurposeSchemas.of(purpose, rule);
        IdentifierForm form = purpose.identifiers();
        List<Column> columns = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            ContractField source = rule.family().fields().get(field.name());
            columns.add(ColumnMapping.column(rule.fields().get(field.name()), source, form));
        }
        columns.add(new Column(INGESTED_AT, ColumnType.DATETIME64, false, IdentifierRole.NONE, false,
                Optional.empty()));
        return new TableLayout(purpose, rule.family(), schema, columns, rule.retention());
    }

    /** The table name, {@code <purpose>_<family>}. */
    public String name() {
        return purpose.tableName(family);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column partitions, ordering and the TTL are based on; see the class comment. */
    public Column timeColumn() {
        return column(EVENT_TIME).filter(c -> c.type() == ColumnType.DATETIME64).orElseGet(() ->
                column(INGESTED_AT).orElseThrow());
    }

    /** Sorting key: analysts filter by app and time range, so {@code (app_id, time)} when the app is kept. */
    public List<String> orderBy() {
        List<String> order = new ArrayList<>();
        column(APP_ID).filter(c -> !c.nullable()).ifPresent(c -> order.add(c.name()));
        order.add(timeColumn().name());
        return order;
    }

    /**
     * The {@link #INGESTED_AT} value of rows inserted at {@code insertTime}. Tables of non-raw purposes store it to the
     * hour: an exact insert time is nearly the same for one event's rows in every table, a link between them.
     */
    public Instant ingestedAt(Instant insertTime) {
        return holdsRawIdentifiers() ? insertTime : insertTime.truncatedTo(ChronoUnit.HOURS);
    }

    /** Columns holding the subject's or device's identifier, raw or pseudonymized. */
    public List<Column> identifierColumns() {
        return columns.stream().filter(c -> c.identifier() != IdentifierRole.NONE).toList();
    }

    /** Whether analysts may read it: only tables of purposes that never see raw identifiers. */
    public boolean holdsRawIdentifiers() {
        return purpose.identifiers() == IdentifierForm.RAW;
    }
}
