package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.store.StoreFailure;
import org.junit.jupiter.api.Test;

class ClickHouseErrorsTest {

    @Test
    void redactsColumnValuesAndQuotedLiteralsFromServerErrors() {
        String server = "Code: 469. DB::Exception: Constraint `device_id_is_pseudonym` for table sieve.analytics_device"
                + " (0d1f) is violated at row 1. Expression: (isNull(device_id) OR match(device_id, '^x$')). Column"
                + " values: device_id = 'raw-device-7'. (VIOLATED_CONSTRAINT)";

        assertThat(ClickHouseErrors.redact(server)).isEqualTo("Code: 469. DB::Exception: Constraint"
                + " `device_id_is_pseudonym` for table sieve.analytics_device (0d1f) is violated at row 1. Expression:"
                + " (isNull(device_id) OR match(device_id, '?')). Column values: <redacted>. (VIOLATED_CONSTRAINT)");
        assertThat(ClickHouseErrors.redact("Code: 62. DB::Exception: Syntax error at 'it\\'s alice'"))
                .isEqualTo("Code: 62. DB::Exception: Syntax error at '?'");
    }

    @Test
    void redactsTheDoubleQuotedFieldOfATextParseError() {
        String server = "Code: 27. DB::Exception: Cannot parse input: expected '\\t' before: '\\n'.\nRow 1:\n"
                + "Column 0,   name: identifier, type: String, parsed text: \"alice@example.com\"\n(CANNOT_PARSE_INPUT)";

        assertThat(ClickHouseErrors.redact(server)).doesNotContain("alice").contains("parsed text: \"?\"");
    }

    @Test
    void classifiesByErrorCode() {
        assertThat(ClickHouseErrors.fromServer(469, "x").kind()).isEqualTo(StoreFailure.Kind.REJECTED_ROWS);
        assertThat(ClickHouseErrors.fromServer(252, "too many parts").kind()).isEqualTo(StoreFailure.Kind.TRANSIENT);
        assertThat(ClickHouseErrors.fromServer(60, "unknown table").kind()).isEqualTo(StoreFailure.Kind.FATAL);
    }

    @Test
    void theInsertStatementIsSpelledAsClientV2SpellsIt() {
        InsertRequest r = new InsertRequest("db.t", java.util.List.of("a", "b"), "RowBinary", new byte[0],
                java.util.Map.of());
        assertThat(r.sql()).isEqualTo("INSERT INTO db.t (a, b ) FORMAT RowBinary");
    }
}
