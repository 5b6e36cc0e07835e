package dev.sieve.local.clickhouse;

import dev.sieve.enginelocal.ChdbEngine;
import dev.sieve.enginelocal.ClickHouseEngineException;
import dev.sieve.enginelocal.EngineConnection;
import dev.sieve.sink.clickhouse.SqlLiteral;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs one {@link HttpQuery} on the engine as a ClickHouse server runs an HTTP request without a session: the
 * request's settings and database hold for that statement only. An insert carries its settings in its own
 * {@code SETTINGS} clause. Other statements' settings, and any database, are set on the engine connection the
 * request borrows before the statement and reset after it, with nothing else running on that connection in between;
 * requests on the engine's other connections run meanwhile.
 */
final class QueryRunner {

    private static final byte[] NOTHING = new byte[0];
    /** A connection's database between requests: each request that changes it is followed by a return to it. */
    private static final String RESTING_DATABASE = "default";
    private static final Pattern USE = Pattern.compile("(?is)\\s*USE\\s.*");

    private final ChdbEngine engine;

    QueryRunner(ChdbEngine engine) {
        this.engine = engine;
    }

    /**
     * @return the answer in {@link HttpQuery#format()} (or the statement's own FORMAT clause); empty for an insert
     * @throws ClickHouseError with ClickHouse's code and text when the engine rejects the statement
     */
    byte[] run(HttpQuery query) {
        try {
            return engine.withConnection(connection -> run(query, connection));
        } catch (ClickHouseEngineException e) {
            throw new ClickHouseError(e.code(), e.getMessage());
        }
    }

    /** Runs the statement on a connection nothing else uses meanwhile, and leaves it as it found it. */
    private static byte[] run(HttpQuery query, EngineConnection connection) {
        boolean settingsSet = false;
        boolean databaseChanged = false;
        try {
            boolean insert = query.insertData().isPresent();
            if (!insert && !query.settings().isEmpty()) {
                connection.execute("SET " + query.settings().entrySet().stream()
                        .map(s -> s.getKey() + " = " + SqlLiteral.string(s.getValue()))
                        .collect(Collectors.joining(", ")));
                settingsSet = true;
            }
            // client-v2 names its database with every request, usually the one the connection is already in.
            Optional<String> database = query.database().filter(d -> !d.equals(RESTING_DATABASE));
            if (database.isPresent()) {
                databaseChanged = true;
                connection.execute("USE " + identifier(database.get()));
            }
            databaseChanged |= USE.matcher(query.statement()).matches();
            if (insert) {
                connection.insert(query.statement(), query.settings(), query.insertData().get());
                return NOTHING;
            }
            return connection.queryBytes(query.statement(), query.format());
        } finally {
            if (databaseChanged) {
                connection.execute("USE " + RESTING_DATABASE);
            }
            if (settingsSet) {
                connection.execute("SET " + query.settings().keySet().stream().map(name -> name + " = DEFAULT")
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    private static String identifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }
}
