package dev.sieve.enginelocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChdbEngineIT {

    static final ChdbEngine CLICKHOUSE = new ChdbEngine();

    private static final DateTimeFormatter CLICKHOUSE_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @BeforeAll
    static void startWithADatabase() {
        CLICKHOUSE.start().execute("CREATE DATABASE sieve");
    }

    @AfterAll
    static void stop() {
        CLICKHOUSE.close();
    }

    @Test
    void isClickHouse26() {
        assertThat(CLICKHOUSE.version()).startsWith("26.");
    }

    @Test
    void insertsJsonEachRowAndRowBinaryIntoTtlTable() {
        CLICKHOUSE.execute("""
                CREATE TABLE sieve.events (id UInt64, ts DateTime('UTC'), name String, score Nullable(Float64))
                ENGINE = MergeTree ORDER BY id TTL ts + INTERVAL 30 DAY""");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CLICKHOUSE.execute("INSERT INTO sieve.events FORMAT JSONEachRow "
                + "{\"id\": 1, \"ts\": \"" + CLICKHOUSE_DATETIME.format(now) + "\", \"name\": \"Zoë \\\"q\\\" \\\\ ✓\", \"score\": null}");

        byte[] row = rowBinary(2, now.minus(1, ChronoUnit.DAYS), "tab\there", 1.5);
        CLICKHOUSE.insert("INSERT INTO sieve.events (id, ts, name, score) FORMAT RowBinary", row);

        assertThat(CLICKHOUSE.rows("SELECT id, ts, name, score FROM sieve.events ORDER BY id")).containsExactly(
                Arrays.asList("1", CLICKHOUSE_DATETIME.format(now), "Zoë \"q\" \\ ✓", null),
                Arrays.asList("2", CLICKHOUSE_DATETIME.format(now.minus(1, ChronoUnit.DAYS)), "tab\there", "1.5"));
        assertThat(CLICKHOUSE.query("SELECT id, name FROM sieve.events ORDER BY id", "JSONEachRow"))
                .isEqualTo("{\"id\":1,\"name\":\"Zoë \\\"q\\\" \\\\ ✓\"}\n{\"id\":2,\"name\":\"tab\\there\"}\n");
    }

    @Test
    void ttlDropsExpiredRowsOnOptimizeFinal() {
        CLICKHOUSE.execute("""
                CREATE TABLE sieve.ttl (id UInt32, ts DateTime('UTC'))
                ENGINE = MergeTree ORDER BY id TTL ts + INTERVAL 30 DAY""");
        // Merges are what apply TTL; holding them back makes the "before" state deterministic.
        CLICKHOUSE.execute("SYSTEM STOP MERGES sieve.ttl");
        CLICKHOUSE.execute("INSERT INTO sieve.ttl VALUES (1, now() - INTERVAL 40 DAY), (2, now() - INTERVAL 31 DAY),"
                + " (3, now() - INTERVAL 29 DAY), (4, now())");
        assertThat(CLICKHOUSE.rows("SELECT id FROM sieve.ttl ORDER BY id")).containsExactly(
                List.of("1"), List.of("2"), List.of("3"), List.of("4"));

        CLICKHOUSE.execute("SYSTEM START MERGES sieve.ttl");
        CLICKHOUSE.execute("OPTIMIZE TABLE sieve.ttl FINAL");

        assertThat(CLICKHOUSE.rows("SELECT id FROM sieve.ttl ORDER BY id")).containsExactly(List.of("3"), List.of("4"));
    }

    @Test
    void showCreateTableShowsTheTtl() {
        CLICKHOUSE.execute("CREATE TABLE sieve.ddl (ts DateTime) ENGINE = MergeTree ORDER BY ts TTL ts + INTERVAL 30 DAY");

        assertThat(CLICKHOUSE.rows("SHOW CREATE TABLE sieve.ddl").get(0).get(0))
                .contains("ENGINE = MergeTree")
                .contains("TTL ts + toIntervalDay(30)");
    }

    @Test
    void syntaxErrorCarriesClickHouseCodeAndText() {
        assertThatThrownBy(() -> CLICKHOUSE.execute("SELEC 1"))
                .isInstanceOfSatisfying(ClickHouseEngineException.class, e -> assertThat(e.code()).isEqualTo(62))
                .hasMessageStartingWith("Code: 62. DB::Exception: Syntax error")
                .hasMessageContaining("(SYNTAX_ERROR)");
        assertThat(CLICKHOUSE.rows("SELECT 1")).containsExactly(List.of("1"));
    }

    @Test
    void malformedPayloadIsAnEngineError() {
        CLICKHOUSE.execute("CREATE TABLE sieve.short (id UInt32) ENGINE = MergeTree ORDER BY id");

        assertThatThrownBy(() -> CLICKHOUSE.insert("INSERT INTO sieve.short FORMAT RowBinary", new byte[] {1, 2}))
                .isInstanceOfSatisfying(ClickHouseEngineException.class, e -> assertThat(e.code()).isEqualTo(33))
                .hasMessageContaining("CANNOT_READ_ALL_DATA");
    }

    @Test
    void insertSettingsHoldForThatStatementOnly() {
        CLICKHOUSE.execute("CREATE TABLE sieve.dedup (id UInt32) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 100");
        byte[] one = {1, 0, 0, 0};
        byte[] two = {2, 0, 0, 0};
        String insert = "INSERT INTO sieve.dedup (id) FORMAT RowBinary";

        CLICKHOUSE.insert(insert, Map.of("insert_deduplication_token", "batch-1"), one);
        CLICKHOUSE.insert(insert, Map.of("insert_deduplication_token", "batch-1"), two);
        CLICKHOUSE.insert(insert, Map.of("insert_deduplication_token", "batch-2"), two);

        assertThat(CLICKHOUSE.rows("SELECT id FROM sieve.dedup ORDER BY id")).containsExactly(List.of("1"),
                List.of("2"));
        assertThat(CLICKHOUSE.rows("SELECT value FROM system.settings WHERE name = 'insert_deduplication_token'"))
                .containsExactly(List.of(""));
    }

    @Test
    void insertKeepsCheckConstraintsAndRejectsUnknownSettings() {
        CLICKHOUSE.execute("CREATE TABLE sieve.checked (id UInt32, CONSTRAINT small CHECK id < 10)"
                + " ENGINE = MergeTree ORDER BY id");
        String insert = "INSERT INTO sieve.checked (id) FORMAT RowBinary";

        assertThatThrownBy(() -> CLICKHOUSE.insert(insert, Map.of("async_insert", "0"), new byte[] {42, 0, 0, 0}))
                .isInstanceOfSatisfying(ClickHouseEngineException.class, e -> assertThat(e.code()).isEqualTo(469))
                .hasMessageContaining("VIOLATED_CONSTRAINT");
        assertThatThrownBy(() -> CLICKHOUSE.insert(insert, Map.of("no_such_setting", "1"), new byte[] {1, 0, 0, 0}))
                .isInstanceOfSatisfying(ClickHouseEngineException.class, e -> assertThat(e.code()).isEqualTo(115));
        assertThat(CLICKHOUSE.rows("SELECT count() FROM sieve.checked")).containsExactly(List.of("0"));
    }

    @Test
    void textSurvivesTheProtocolUnchanged() {
        String text = "quote\" apostrophe' backslash\\ newline\n tab\t é ✓ 😀 \u0001";
        String literal = "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";

        assertThat(CLICKHOUSE.query("SELECT " + literal, "RawBLOB")).isEqualTo(text);
        assertThat(CLICKHOUSE.rows("SELECT " + literal + ", NULL")).containsExactly(Arrays.asList(text, null));
    }

    @Test
    void binaryOutputArrivesByteForByte() {
        // RowBinaryWithNamesAndTypes: 1 column, name "n", type "UInt8", then the value 200 (not valid UTF-8 alone).
        assertThat(CLICKHOUSE.queryBytes("SELECT toUInt8(200) AS n", "RowBinaryWithNamesAndTypes"))
                .containsExactly(1, 1, 'n', 5, 'U', 'I', 'n', 't', '8', 200 - 256);
    }

    @Test
    void missingChdbFailsWithInstallInstructions(@TempDir Path dir) throws Exception {
        // python3 -S skips site-packages, so chdb cannot be imported: the state of a fresh CI image.
        Path python = dir.resolve("python-without-chdb");
        Files.writeString(python, "#!/bin/sh\nexec python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> withPython(python.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No module named 'chdb'")
                .hasMessageContaining("pip install chdb-core");
    }

    @Test
    void missingPythonFailsWithInstallInstructions() {
        assertThatThrownBy(() -> withPython("/nonexistent/python3"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/python3")
                .hasMessageContaining("pip install chdb-core");
    }

    private static void withPython(String python) {
        String previous = System.getProperty("sieve.python");
        System.setProperty("sieve.python", python);
        try (ChdbEngine engine = new ChdbEngine()) {
            engine.start();
        } finally {
            if (previous == null) {
                System.clearProperty("sieve.python");
            } else {
                System.setProperty("sieve.python", previous);
            }
        }
    }

    /** One RowBinary row for (UInt64, DateTime, String, Nullable(Float64)), as a ClickHouse client encodes it. */
    private static byte[] rowBinary(long id, Instant ts, String name, double score) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(id).putInt((int) ts.getEpochSecond()).array());
        for (int n = utf8.length; ; n >>>= 7) { // string length as unsigned LEB128
            if (n < 0x80) {
                out.write(n);
                break;
            }
            out.write((n & 0x7f) | 0x80);
        }
        out.writeBytes(utf8);
        out.write(0); // Nullable: 0 = value present
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(score).array());
        return out.toByteArray();
    }
}
