package dev.sieve.enginelocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An engine with several connections: statements overlap, each connection keeps its own session state. */
class ChdbEngineConnectionsIT {

    static final int CONNECTIONS = 3;
    static final ChdbEngine CLICKHOUSE = new ChdbEngine(CONNECTIONS);

    @BeforeAll
    static void startWithADatabase() {
        CLICKHOUSE.start().execute("CREATE DATABASE sieve");
    }

    @AfterAll
    static void stop() {
        CLICKHOUSE.close();
    }

    @Test
    void aStatementRunsWhileAnotherConnectionsStatementDoes() {
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> CLICKHOUSE.withConnection(
                c -> c.query("SELECT sleep(3) AS sieve_slow_statement", "TSV")));
        // With one statement at a time the look-up would wait for the slow statement and no longer see it running.
        boolean seenRunning = false;
        while (!seenRunning && !slow.isDone()) {
            seenRunning = !CLICKHOUSE.withConnection(c -> c.rows("SELECT query FROM system.processes"
                    + " WHERE query LIKE '%sieve_slow_statement%' AND query NOT LIKE '%system.processes%'")).isEmpty();
        }

        assertThat(seenRunning).as("the slow statement was seen running from another connection").isTrue();
        assertThat(slow.join()).isEqualTo("0\n");
    }

    @Test
    void eachConnectionHasItsOwnSettingsAndDatabase() {
        String seenFromAnother = CLICKHOUSE.withConnection(held -> {
            held.execute("SET max_threads = 1");
            held.execute("USE sieve");
            String other = CLICKHOUSE.withConnection(c -> c.query(
                    "SELECT getSetting('max_threads') = 1, currentDatabase()", "TSV"));
            assertThat(held.query("SELECT getSetting('max_threads'), currentDatabase()", "TSV"))
                    .isEqualTo("1\tsieve\n");
            held.execute("SET max_threads = DEFAULT");
            held.execute("USE default");
            return other;
        });

        assertThat(seenFromAnother).isEqualTo("0\tdefault\n");
    }

    @Test
    void concurrentInsertsShareTablesDeduplicationAndConstraints() {
        CLICKHOUSE.execute("CREATE TABLE sieve.shared (id UInt32, CONSTRAINT small CHECK id < 1000)"
                + " ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 1000");
        String insert = "INSERT INTO sieve.shared (id) FORMAT RowBinary";
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            // Every batch twice, from different threads, so replays meet their first insert on other connections.
            List<CompletableFuture<Void>> inserts = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int batch = 0; batch < 30; batch++) {
                    byte[] row = {(byte) batch, 0, 0, 0};
                    Map<String, String> token = Map.of("insert_deduplication_token", "batch-" + batch);
                    inserts.add(CompletableFuture.runAsync(() -> CLICKHOUSE.withConnection(c -> {
                        c.insert(insert, token, row);
                        return null;
                    }), threads));
                }
            }
            CompletableFuture<Void> violation = CompletableFuture.runAsync(() -> CLICKHOUSE.withConnection(c -> {
                c.insert(insert, Map.of(), new byte[] {(byte) 0xe8, 0x03, 0, 0}); // 1000
                return null;
            }), threads);
            CompletableFuture.allOf(inserts.toArray(CompletableFuture[]::new)).join();

            assertThatThrownBy(violation::join).hasCauseInstanceOf(ClickHouseEngineException.class)
                    .cause().satisfies(e -> assertThat(((ClickHouseEngineException) e).code()).isEqualTo(469))
                    .hasMessageContaining("VIOLATED_CONSTRAINT");
        } finally {
            threads.shutdown();
        }

        assertThat(CLICKHOUSE.rows("SELECT count(), uniqExact(id), max(id) FROM sieve.shared"))
                .containsExactly(List.of("30", "30", "29"));
    }

    @Test
    void connectionsAreBetweenOneAndTheLimit() {
        assertThatThrownBy(() -> new ChdbEngine(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connections must be between 1 and 16, got 0");
        assertThatThrownBy(() -> new ChdbEngine(ChdbEngine.MAX_CONNECTIONS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
