package dev.sieve.enginelocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineProtocolTest {

    @Test
    void encodesRequestAsAsciiJsonWithEscapes() {
        String sql = "SELECT 'a\"b', 'c\\d'\n\tFROM t\r\u0001";

        assertThat(EngineProtocol.encodeRequest(sql, "TSV"))
                .isEqualTo("{\"sql\":\"SELECT 'a\\\"b', 'c\\\\d'\\n\\tFROM t\\r\\u0001\",\"format\":\"TSV\"}");
    }

    @Test
    void encodesNonAsciiAsUtf16Escapes() {
        assertThat(EngineProtocol.encodeRequest("é 😀 \u007f", "CSV"))
                .isEqualTo("{\"sql\":\"\\u00e9 \\ud83d\\ude00 \\u007f\",\"format\":\"CSV\"}")
                .matches("\\p{ASCII}*");
    }

    @Test
    void asksForBase64OutputWhenTheFormatMayBeBinary() {
        assertThat(EngineProtocol.encodeRequest("SELECT 1", "RowBinary", true))
                .isEqualTo("{\"sql\":\"SELECT 1\",\"format\":\"RowBinary\",\"encoding\":\"base64\"}");
    }

    @Test
    void decodesOutput() {
        EngineProtocol.Response response = EngineProtocol.decodeResponse("{\"ok\": true, \"output\": \"1\\t\\\"x\\\"\\n\"}");

        assertThat(response).isEqualTo(new EngineProtocol.Response(true, "1\t\"x\"\n"));
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() {
        EngineProtocol.Response response = EngineProtocol.decodeResponse(
                "{\"output\":\"\\u00e9\\ud83d\\ude00\\/\\\\\\b\\f\\r\",\"ok\":true}");

        assertThat(response.text()).isEqualTo("é😀/\\\b\f\r");
    }

    @Test
    void decodesError() {
        EngineProtocol.Response response = EngineProtocol.decodeResponse(
                "{\"ok\": false, \"error\": \"Code: 62. DB::Exception: Syntax error\"}");

        assertThat(response).isEqualTo(new EngineProtocol.Response(false, "Code: 62. DB::Exception: Syntax error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "{\"ok\": true}",
        "{\"ok\": true, \"error\": \"x\"}",
        "{\"ok\": false, \"output\": \"x\"}",
        "{\"ok\": \"true\", \"output\": \"x\"}",
        "{\"ok\": true, \"output\": null}",
        "{\"ok\": true, \"output\": \"x\", \"extra\": \"y\"}",
        "{\"ok\": true, \"ok\": true, \"output\": \"x\"}",
        "{\"ok\": true, \"output\": \"x\"} trailing",
        "{\"ok\": true, \"output\": \"x\",}",
        "{\"ok\": true, \"output\": 1}",
        "{\"ok\": true, \"output\": \"bad \\x escape\"}",
        "{\"ok\": true, \"output\": \"bad \\u12g4 escape\"}",
        "{\"ok\": true, \"output\": \"truncated \\u12",
        "{\"ok\": true, \"output\": \"raw\ncontrol\"}",
        "{\"ok\": true, \"output\": \"unterminated}",
    })
    void rejectsAnythingButTheTwoResponseShapes(String line) {
        assertThatThrownBy(() -> EngineProtocol.decodeResponse(line))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chDB helper");
    }

    @Test
    void protocolErrorsQuoteOnlyTheStartOfALine() {
        String line = "{\"ok\": true, \"output\": \"" + "x".repeat(1000) + "\", \"extra\": \"y\"}";

        assertThatThrownBy(() -> EngineProtocol.decodeResponse(line))
                .hasMessageNotContaining("x".repeat(201));
    }

    @Test
    void rewritesInsertToReadThePayloadFromAFile() {
        Path file = Path.of("/tmp/sieve-chdb-1/insert-1.bin");

        assertThat(EngineProtocol.rewriteInsert("INSERT INTO db.t (a, b) FORMAT RowBinary", Map.of(), file))
                .isEqualTo("INSERT INTO db.t (a, b) FROM INFILE '/tmp/sieve-chdb-1/insert-1.bin' FORMAT RowBinary");
        assertThat(EngineProtocol.rewriteInsert("insert into `db`.`t`\n  format JSONEachRow;\n", Map.of(), file))
                .isEqualTo("insert into `db`.`t` FROM INFILE '/tmp/sieve-chdb-1/insert-1.bin' format JSONEachRow");
    }

    @Test
    void escapesTheFilePathAsAStringLiteral() {
        assertThat(EngineProtocol.rewriteInsert("INSERT INTO t FORMAT CSV", Map.of(), Path.of("/tmp/o'k\\dir/f.bin")))
                .isEqualTo("INSERT INTO t FROM INFILE '/tmp/o\\'k\\\\dir/f.bin' FORMAT CSV");
    }

    @Test
    void putsSettingsIntoTheStatementsOwnClauseAsStringLiterals() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("insert_deduplication_token", "p0-o'1\\x");
        settings.put("async_insert", "0");

        assertThat(EngineProtocol.rewriteInsert("INSERT INTO db.t (a) FORMAT RowBinary", settings, Path.of("/tmp/f.bin")))
                .isEqualTo("INSERT INTO db.t (a) FROM INFILE '/tmp/f.bin' SETTINGS insert_deduplication_token ="
                        + " 'p0-o\\'1\\\\x', async_insert = '0' FORMAT RowBinary");
    }

    @Test
    void rejectsASettingNameThatIsNotAnIdentifierWithoutQuotingIt() {
        assertThatThrownBy(() -> EngineProtocol.rewriteInsert("INSERT INTO t FORMAT CSV",
                Map.of("x = 1 FORMAT CSV --", "1"), Path.of("/tmp/f.bin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A setting name of the insert is not an identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES (1)", "SELECT 1 FORMAT TSV", "INSERT INTO t FORMAT", "INSERT INTO t"})
    void rejectsStatementsThatAreNotInsertWithFormat(String sql) {
        assertThatThrownBy(() -> EngineProtocol.rewriteInsert(sql, Map.of(), Path.of("/tmp/f.bin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FORMAT <format>");
    }

    @Test
    void extractsTheErrorCode() {
        assertThat(EngineProtocol.errorCode("Code: 62. DB::Exception: Syntax error (SYNTAX_ERROR)")).isEqualTo(62);
        assertThat(EngineProtocol.errorCode("UnicodeDecodeError: 'utf-8' codec can't decode")).isEqualTo(-1);
    }
}
