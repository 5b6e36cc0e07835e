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
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
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

    /** Where an export's rows come from: the stores, through {@link SinkOperations#export}. */
    @FunctionalInterface
    public interface Rows {
        /** Writes the subject's rows (only {@code app}'s when present) to {@code out} as JSON lines. */
        SubjectAccess.Summary export(Subject subject, Optional<String> app, Writer out)
                throws IOException, KeyException;
    }

    /** How long a written export waits for its download: it holds personal data, so not for ever. */
    public static final Duration KEPT = Duration.ofDays(7);
    static final String CSV_HEADER = "region,table,row,column,value";
    private static final String SUFFIX = ".jsonl";
    /** Request ids are the register's UUIDs; anything else names no file. */
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final String PARTIAL_SUFFIX = ".partial";
    /**
     * The partial files this process is writing. {@link #removeInterrupted} never opens them: closing any channel on
     * a file drops every lock the process holds on it ({@link FileLock}), the writer's included, and another
     * collector sharing the directory would then take the export for an interrupted one.
     */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();
    /** A file being created, before it is locked and named after its request ({@link #write}). */
    private static final String CREATING_PREFIX = ".export-";
    /** An export being written ({@link #partial}). */
    private static final Pattern PARTIAL = Pattern.compile("\\.([0-9a-f-]{36})\\.partial");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Rows rows;
    private final Clock clock;

    public AccessExports(Path dir, Rows rows, Clock clock) {
        this.dir = dir;
        this.rows = rows;
        this.clock = clock;
    }

    /** Deletes exports (and leftovers of interrupted ones) written more than {@link #KEPT} ago. */
    public void removeExpired() throws IOException {
        Instant cutoff = clock.instant().minus(KEPT);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                boolean ours = name.endsWith(SUFFIX) || name.endsWith(PARTIAL_SUFFIX) || name.startsWith(CREATING_PREFIX);
                if (ours && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * Requests whose export was interrupted: a collector that stops while writing an export leaves its partial
     * file (named after the request) behind. A writer holds a lock on its partial file until the file is complete
     * and renamed, and the operating system drops the lock when the process ends, so a partial file nobody holds
     * is an interrupted export, whichever collector sharing the directory wrote it. Those files are deleted; their
     * ids are returned so the requests can be failed, since the subject's identifier, kept nowhere, cannot restart
     * them.
     */
    public Set<String> removeInterrupted() throws IOException {
        Set<String> interrupted = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = PARTIAL.matcher(f.getFileName().toString());
                if (m.matches() && removeUnlocked(f)) {
                    interrupted.add(m.group(1));
                }
            }
        }
        return interrupted;
    }

    private static boolean removeUnlocked(Path partial) throws IOException {
        if (WRITING.contains(partial.toAbsolutePath())) {
            return false; // this process is writing it; a channel opened on it here would drop the writer's lock
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return false; // another process is writing it
            }
            Files.delete(partial);
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process is writing it
        } catch (NoSuchFileException e) {
            return false; // finished (renamed) meanwhile
        }
    }

    /**
     * Writes the subject's rows stored by {@code app}; the file appears only once complete. It is created under a
     * temporary name and locked before it takes the request's partial name, so no other collector ever sees the
     * partial name unlocked while this one lives ({@link #removeInterrupted}).
     */
    public Written write(String requestId, String app, Subject subject) throws IOException, KeyException {
        Path created = Files.createTempFile(dir, CREATING_PREFIX, ".tmp");
        Path partial = partial(requestId);
        try (FileChannel channel = FileChannel.open(created, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            try {
                Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions decide
            }
            WRITING.add(partial.toAbsolutePath());
            Files.move(created, partial, StandardCopyOption.ATOMIC_MOVE);
            Writer w = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            SubjectAccess.Summary s = rows.export(subject, Optional.of(app), w);
            w.flush();
            Files.move(partial, target(requestId), StandardCopyOption.ATOMIC_MOVE);
            return new Written(s.rows(), s.tables(), s.regions());
        } finally {
            Files.deleteIfExists(created);
            Files.deleteIfExists(partial);
            WRITING.remove(partial.toAbsolutePath());
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

    /** Where an export is written until it is complete: hidden, and named after its request (one per request). */
    Path partial(String requestId) {
        return dir.resolve("." + requestId + PARTIAL_SUFFIX);
    }

    private Path target(String requestId) {
        return dir.resolve(requestId + SUFFIX);
    }
}
