package dev.sieve.local.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HttpQueryTest {

    static final byte[] NO_BODY = new byte[0];

    @Test
    void aQueryParameterAloneIsTheStatementInTheDefaultFormat() {
        HttpQuery q = HttpQuery.read("query=SELECT+1", new Headers(), NO_BODY);

        assertThat(q.statement()).isEqualTo("SELECT 1");
        assertThat(q.insertData()).isEmpty();
        assertThat(q.format()).isEqualTo("TabSeparated");
        assertThat(q.settings()).isEmpty();
        assertThat(q.compressAnswer()).isFalse();
    }

    @Test
    void theBodyIsTheDataOfAnInsertParameter() {
        byte[] rows = {1, 0, 0, 0, (byte) 0xff};
        HttpQuery q = HttpQuery.read("compress=1&insert_deduplication_token=tok&query="
                + "INSERT%20INTO%20sieve.t%20%28a%20%29%20FORMAT%20RowBinary", new Headers(), rows);

        assertThat(q.statement()).isEqualTo("INSERT INTO sieve.t (a ) FORMAT RowBinary");
        assertThat(q.insertData()).hasValueSatisfying(d -> assertThat(d).containsExactly(rows));
        assertThat(q.settings()).containsExactly(Map.entry("insert_deduplication_token", "tok"));
        assertThat(q.compressAnswer()).isTrue();
    }

    @Test
    void anInsertValuesParameterTakesItsTuplesFromTheBody() {
        HttpQuery q = HttpQuery.read("query=INSERT+INTO+t+VALUES", new Headers(), bytes("(1),(2)"));

        assertThat(q.statement()).isEqualTo("INSERT INTO t FORMAT Values");
        assertThat(q.insertData()).hasValueSatisfying(d -> assertThat(new String(d, StandardCharsets.UTF_8))
                .isEqualTo("(1),(2)"));
    }

    @Test
    void anyOtherParameterIsContinuedByTheBody() {
        HttpQuery q = HttpQuery.read("query=SELECT", new Headers(), bytes("1 + 1"));

        assertThat(q.statement()).isEqualTo("SELECT\n1 + 1");
        assertThat(q.insertData()).isEmpty();
    }

    @Test
    void aBodyInsertCarriesItsDataAfterTheFormatNameByteForByte() {
        byte[] body = bytes("INSERT INTO t (a, b)\nFORMAT RowBinary \n\u0001\u0002");
        body[body.length - 1] = (byte) 0xc3;

        HttpQuery q = HttpQuery.read(null, new Headers(), body);

        assertThat(q.statement()).isEqualTo("INSERT INTO t (a, b)\nFORMAT RowBinary");
        assertThat(q.insertData()).hasValueSatisfying(d -> assertThat(d).containsExactly(1, 0xc3 - 256));
    }

    @Test
    void aBodyThatIsNoInsertIsTheStatement() {
        HttpQuery q = HttpQuery.read(null, new Headers(), bytes("INSERT INTO t VALUES (1, 'format x')"));

        assertThat(q.statement()).isEqualTo("INSERT INTO t VALUES (1, 'format x')");
        assertThat(q.insertData()).isEmpty();
    }

    @Test
    void parametersOtherThanTheInterfacesOwnAreSettingsInRequestOrder() {
        HttpQuery q = HttpQuery.read("user=u&password=p&max_threads=1&query_id=q1&param_id=7&session_id=s"
                + "&async_insert=0&query=SELECT+%7Bid%3AUInt8%7D&decompress=0&database=sieve", new Headers(), NO_BODY);

        assertThat(q.settings()).containsExactly(Map.entry("max_threads", "1"), Map.entry("param_id", "7"),
                Map.entry("async_insert", "0"));
        assertThat(q.statement()).isEqualTo("SELECT {id:UInt8}");
        assertThat(q.queryId()).hasValue("q1");
        assertThat(q.database()).hasValue("sieve");
    }

    @Test
    void aParameterThatCannotNameASettingIsAnUnknownSetting() {
        assertThatThrownBy(() -> HttpQuery.read("query=SELECT+1&a%3D1%3B+DROP=x", new Headers(), NO_BODY))
                .isInstanceOfSatisfying(ClickHouseError.class, e -> assertThat(e.code()).isEqualTo(115))
                .hasMessage("Code: 115. DB::Exception: Unknown setting 'a=1; DROP'. (UNKNOWN_SETTING)");
    }

    @Test
    void formatAndDatabaseComeFromTheParameterBeforeTheHeader() {
        Headers headers = new Headers();
        headers.add("X-ClickHouse-Format", "RowBinaryWithNamesAndTypes");
        headers.add("X-ClickHouse-Database", "default");

        assertThat(HttpQuery.read("query=SELECT+1", headers, NO_BODY).format()).isEqualTo("RowBinaryWithNamesAndTypes");
        assertThat(HttpQuery.read("query=SELECT+1", headers, NO_BODY).database()).hasValue("default");
        HttpQuery both = HttpQuery.read("query=SELECT+1&default_format=CSV&database=sieve", headers, NO_BODY);
        assertThat(both.format()).isEqualTo("CSV");
        assertThat(both.database()).hasValue("sieve");
    }

    @Test
    void theStatementsOwnFormatClauseNamesTheAnswersFormat() {
        assertThat(HttpQuery.read("query=SELECT+1+FORMAT+JSONEachRow%3B", new Headers(), NO_BODY).answerFormat())
                .isEqualTo("JSONEachRow");
        assertThat(HttpQuery.read("query=SELECT+1&default_format=CSV", new Headers(), NO_BODY).answerFormat())
                .isEqualTo("CSV");
    }

    @Test
    void readsGzipBodies() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes("SELECT 2"));
        }
        Headers headers = new Headers();
        headers.add("Content-Encoding", "gzip");

        assertThat(HttpQuery.read(null, headers, gz.toByteArray()).statement()).isEqualTo("SELECT 2");
    }

    @Test
    void refusesEncodingsItCannotRead() {
        Headers headers = new Headers();
        headers.add("Content-Encoding", "br");

        assertThatThrownBy(() -> HttpQuery.read(null, headers, bytes("x")))
                .isInstanceOfSatisfying(ClickHouseError.class, e -> assertThat(e.code()).isEqualTo(89));
    }

    @Test
    void readsNativeCompressedBodies() {
        HttpQuery q = HttpQuery.read("decompress=1", new Headers(), NativeCompression.compress(bytes("SELECT 3")));

        assertThat(q.statement()).isEqualTo("SELECT 3");
    }

    @Test
    void noStatementIsAnEmptyQuery() {
        assertThatThrownBy(() -> HttpQuery.read("max_threads=1", new Headers(), NO_BODY))
                .hasMessage("Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
