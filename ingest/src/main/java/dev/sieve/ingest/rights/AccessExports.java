package dev.sieve.ingest.rights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectAccess;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Access exports on disk: one JSON-lines file per request in the export directory, written by
 * {@link SinkOperations#export} straight from the stores (never whole in memory), readable by its owner only,
 * moved into place only when complete, and deleted {@link #KEPT} after; served as it is (JSON lines) or as CSV,
 * converted one line at a time.
 *
 * <p>CSV has one line per stored value, {@code region,table,row,column,value}, since the tables have different
 * columns: {@code row} numbers the export's rows from 1, a value is its text (a list or object as JSON, null
 * empty).
 */
public final class AccessExports {

    /** The download formats. */
    public enum Format { JSON, CSV }

    /** What an export holds. */
    public record Written(long rows, int tables, int regions) {}

    /** How long a written export waits for its download: it holds personal data, so not for ever. */
    public static final Duration KEPT = Duration.ofDays(7);
    static final String CSV_HEADER = "region,table,row,column,value";
    private static final String SUFFIX = ".jsonl";
    /** Request ids are the register's UUIDs; anything else names no file. */
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final SinkOperations sink;
    private final Clock clock;

    public AccessExports(Path dir, SinkOperations sink, Clock clock) {
        this.dir = dir;
        this.sink = sink;
        this.clock = clock;
    }

    /** Deletes exports (and leftovers of interrupted ones) written more than {@link #KEPT} ago. */
    public void removeExpired() throws IOException {
        Instant cutoff = clock.instant().minus(KEPT);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                boolean ours = name.endsWith(SUFFIX) || name.endsWith(".partial");
                if (ours && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Writes the subject's rows stored by {@code app}; the file appears only once complete. */
    public Written write(String requestId, String app, Subject subject) throws IOException, KeyException {
        Path partial = Files.createTempFile(dir, "." + requestId + ".", ".partial");
        try {
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions decide
            }
            SubjectAccess.Summary s;
            try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                s = sink.export(subject, Optional.of(app), w);
            }
            Files.move(partial, target(requestId), StandardCopyOption.ATOMIC_MOVE);
            return new Written(s.rows(), s.tables(), s.regions());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The finished export of a request, if this directory holds it. */
    public Optional<Path> file(String requestId) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            return Optional.empty();
        }
        return Optional.of(target(requestId)).filter(Files::isRegularFile);
    }

    /** Copies the export to {@code out} in the format asked for, a line at a time. */
    public static void copy(Path file, Format format, OutputStream out) throws IOException {
        if (format == Format.JSON) {
            Files.copy(file, out);
            out.flush();
            return;
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(CSV_HEADER + "\r\n");
        long row = 0;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode entry = JSON.readTree(line);
                row++;
                String prefix = csv(entry.get("region").asText()) + "," + csv(entry.get("table").asText()) + ","
                        + row + ",";
                for (Iterator<Map.Entry<String, JsonNode>> it = entry.get("row").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> cell = it.next();
                    JsonNode v = cell.getValue();
                    String text = v.isNull() ? "" : v.isValueNode() ? v.asText() : JSON.writeValueAsString(v);
                    w.write(prefix + csv(cell.getKey()) + "," + csv(text) + "\r\n");
                }
            }
        }
        w.flush();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private Path target(String requestId) {
        return dir.resolve(requestId + SUFFIX);
    }
}
