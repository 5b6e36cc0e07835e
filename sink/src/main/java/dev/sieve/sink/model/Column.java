package dev.sieve.sink.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One column of a purpose table.
 *
 * @param name       column name, the purpose record's field name (or {@link TableLayout#INGESTED_AT})
 * @param type       ClickHouse type
 * @param nullable   whether the column is Nullable: only when the source field is optional
 * @param identifier whether and how the column holds an identifier erasure and holds look for
 * @param pseudonym  whether the column holds pseudonyms, which a CHECK constraint then enforces
 * @param field      the purpose record field it is read from; empty for sink-owned columns
 */
public record Column(
        String name, ColumnType type, boolean nullable, IdentifierRole identifier, boolean pseudonym,
        Optional<String> field) {

    /** A pseudonym: key id (1-16 letters, digits, dashes), colon, base64url HMAC-SHA-256 without padding. */
    public static final String PSEUDONYM_REGEX = "^[A-Za-z0-9-]{1,16}:[A-Za-z0-9_-]{43}$";

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(field, "field");
        if (nullable && !type.canBeNull()) {
            throw new IllegalArgumentException("column " + name + ": " + type + " cannot be Nullable");
        }
    }

    /** The column's type as written in DDL. */
    public String sqlType() {
        return type.sql(nullable);
    }
}
