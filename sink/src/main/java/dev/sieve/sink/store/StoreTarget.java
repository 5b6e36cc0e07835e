package dev.sieve.sink.store;

import java.util.Objects;

/**
 * The tables a {@link Store} writes its rows into. Regions whose stores have equal targets share those tables (one
 * ClickHouse, one database, as in the local pipeline), so the writer stores their rows of a batch with one insert;
 * stores with different targets (a ClickHouse per region, for data residency) never share an insert. Equality is
 * all it is for: the name may hold an endpoint's address and is never put into logs or metrics.
 *
 * @param name what makes the tables these and no others, e.g. endpoint, user and database
 */
public record StoreTarget(String name) {

    public StoreTarget {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return "StoreTarget[<not shown>]";
    }
}
