package dev.sieve.local.clickhouse;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * One request to ClickHouse's HTTP interface, read the way ClickHouse reads it.
 *
 * <ul>
 *   <li>The statement is the {@code query} parameter, the body, or both. With both, the body is the data of an
 *       {@code INSERT ... FORMAT F} or {@code INSERT ... VALUES} parameter, and otherwise the rest of the
 *       statement. A body alone that is an {@code INSERT ... FORMAT F} carries its data after the format
 *       name.</li>
 *   <li>The body may be HTTP-compressed ({@code Content-Encoding: gzip} or {@code deflate}) and, with
 *       {@code decompress=1}, in ClickHouse's own compressed blocks.</li>
 *   <li>The output format is the {@code default_format} parameter, else the {@code X-ClickHouse-Format} header
 *       (client-v2 sends it), else {@code TabSeparated}; a {@code FORMAT} clause in the statement wins, as in
 *       ClickHouse. The database is the {@code database} parameter, else {@code X-ClickHouse-Database}.</li>
 *   <li>Every other parameter is a setting for this query only, {@code param_<name>} query parameters
 *       included, except the interface's own ({@code user}, {@code password}, {@code query_id},
 *       {@code session_*}, {@code compress}, {@code decompress}, ...). Credentials are accepted and not
 *       checked: the engine has no users.</li>
 * </ul>
 *
 * @param statement      the SQL to run; for an insert with data, the statement ending in its FORMAT clause
 * @param insertData     the insert's data, in that format
 * @param format         the output format asked for
 * @param database       the default database for this query
 * @param settings       settings for this query only, in request order
 * @param compressAnswer whether the answer goes back in ClickHouse's compressed blocks ({@code compress=1})
 * @param queryId        the client's query id, if it chose one
 */
record HttpQuery(String statement, Optional<byte[]> insertData, String format, Optional<String> database,
        Map<String, String> settings, boolean compressAnswer, Optional<String> queryId) {

    static final String DEFAULT_FORMAT = "TabSeparated";

    /** Parameters of the HTTP interface itself; every other parameter is a setting. */
    private static final Set<String> INTERFACE_PARAMETERS = Set.of("query", "database", "default_format", "user",
            "password", "quota_key", "query_id", "session_id", "session_timeout", "session_check", "compress",
            "decompress", "buffer_size", "wait_end_of_query", "stacktrace", "client_protocol_version");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INSERT_FORMAT = Pattern.compile("(?is)\\s*INSERT\\s+INTO\\s+.+\\s+FORMAT\\s+\\w+\\s*;?\\s*");
    private static final Pattern INSERT_VALUES = Pattern.compile("(?is)(\\s*INSERT\\s+INTO\\s+.+?)\\s+VALUES\\s*");
    /** The head of an insert whose data follows in the same text; lazy, so the first FORMAT clause ends it. */
    private static final Pattern INSERT_HEAD = Pattern.compile("(?is)\\s*INSERT\\s+INTO\\s+.+?\\s+FORMAT\\s+\\w+");
    private static final Pattern TRAILING_FORMAT = Pattern.compile("(?is).*\\sFORMAT\\s+(\\w+)\\s*;?\\s*");

    HttpQuery {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * @param rawQuery the request URI's raw query string, or null
     * @param body     the request body as sent
     * @throws ClickHouseError for a body that cannot be decoded, a setting name ClickHouse would not know, or
     *                         no statement at all
     */
    static HttpQuery read(String rawQuery, Headers headers, byte[] body) {
        Map<String, String> params = parameters(rawQuery);
        byte[] data = decodeBody(headers.getFirst("Content-Encoding"), "1".equals(params.get("decompress")), body);
        Map<String, String> settings = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (INTERFACE_PARAMETERS.contains(name)) {
                return;
            }
            if (!SETTING_NAME.matcher(name).matches()) {
                throw ClickHouseError.of(ClickHouseError.UNKNOWN_SETTING, "UNKNOWN_SETTING",
                        "Unknown setting '" + name + "'");
            }
            settings.put(name, value);
        });
        String format = Optional.ofNullable(params.get("default_format"))
                .or(() -> Optional.ofNullable(headers.getFirst("X-ClickHouse-Format")))
                .filter(f -> !f.isBlank()).orElse(DEFAULT_FORMAT);
        Optional<String> database = Optional.ofNullable(params.get("database"))
                .or(() -> Optional.ofNullable(headers.getFirst("X-ClickHouse-Database"))).filter(d -> !d.isBlank());
        Statement statement = statement(Optional.ofNullable(params.get("query")), data);
        if (statement.sql().isBlank()) {
            throw ClickHouseError.of(62, "SYNTAX_ERROR", "Empty query");
        }
        return new HttpQuery(statement.sql(), statement.data(), format, database, settings,
                "1".equals(params.get("compress")), Optional.ofNullable(params.get("query_id")));
    }

    /** The format the answer is in: a statement's own FORMAT clause, else the one asked for. */
    String answerFormat() {
        if (insertData.isEmpty()) {
            Matcher m = TRAILING_FORMAT.matcher(statement);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return format;
    }

    private record Statement(String sql, Optional<byte[]> data) {}

    private static Statement statement(Optional<String> parameter, byte[] body) {
        if (parameter.isPresent()) {
            String sql = parameter.get();
            if (body.length == 0) {
                return new Statement(sql, Optional.empty());
            }
            if (INSERT_FORMAT.matcher(sql).matches()) {
                return new Statement(sql, Optional.of(body));
            }
            Matcher values = INSERT_VALUES.matcher(sql);
            if (values.matches()) {
                // INSERT ... VALUES with the tuples in the body is INSERT ... FORMAT Values with that data.
                return new Statement(values.group(1) + " FORMAT Values", Optional.of(body));
            }
            return new Statement(sql + "\n" + new String(body, StandardCharsets.UTF_8), Optional.empty());
        }
        // ISO-8859-1 maps each byte to one char, so offsets found in the text are offsets in the body.
        Matcher head = INSERT_HEAD.matcher(new String(body, StandardCharsets.ISO_8859_1));
        if (head.lookingAt()) {
            int start = head.end();
            while (start < body.length && (body[start] == ' ' || body[start] == '\t')) {
                start++;
            }
            if (start < body.length && body[start] == '\r') {
                start++;
            }
            if (start < body.length && body[start] == '\n') {
                start++;
            }
            return new Statement(new String(body, 0, head.end(), StandardCharsets.UTF_8),
                    Optional.of(Arrays.copyOfRange(body, start, body.length)));
        }
        return new Statement(new String(body, StandardCharsets.UTF_8), Optional.empty());
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static byte[] decodeBody(String contentEncoding, boolean nativeCompressed, byte[] body) {
        byte[] decoded = body;
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (!encoding.isEmpty() && !encoding.equals("identity")) {
            try (InputStream in = switch (encoding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
                case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
                default -> throw ClickHouseError.of(ClickHouseError.UNKNOWN_COMPRESSION_METHOD,
                        "UNKNOWN_COMPRESSION_METHOD", "Unknown HTTP content encoding '" + encoding
                                + "' (gzip and deflate are read here)");
            }) {
                decoded = in.readAllBytes();
            } catch (IOException e) {
                throw ClickHouseError.of(ClickHouseError.CANNOT_DECOMPRESS, "CANNOT_DECOMPRESS",
                        "Cannot decompress the " + encoding + " request body");
            }
        }
        return nativeCompressed ? NativeCompression.decompress(decoded) : decoded;
    }
}
