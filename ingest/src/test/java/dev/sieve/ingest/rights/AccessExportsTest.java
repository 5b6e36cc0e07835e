package dev.sieve.ingest.rights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectAccess;
import dev.sieve.testsupport.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessExportsTest {

    static final String ID = "0b6c6f5e-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    @Test
    void csvHasOneLinePerStoredValueQuotedAsRfc4180Says() throws Exception {
        Path file = Files.writeString(dir.resolve(ID + ".jsonl"), String.join("\n",
                "{\"region\":\"cn-north\",\"table\":\"service_device\",\"row\":{\"subject_id\":\"s-1\","
                        + "\"battery_level\":81,\"os_version\":null}}",
                "{\"region\":\"cn-north\",\"table\":\"service_service_log\",\"row\":{\"search_query\":"
                        + "\"a, \\\"quoted\\\"\\nline\",\"other_software\":[\"maps\",\"mail\"]}}") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        AccessExports.copy(file, AccessExports.Format.CSV, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("region,table,row,column,value\r\n"
                + "cn-north,service_device,1,subject_id,s-1\r\n"
                + "cn-north,service_device,1,battery_level,81\r\n"
                + "cn-north,service_device,1,os_version,\r\n"
                + "cn-north,service_service_log,2,search_query,\"a, \"\"quoted\"\"\nline\"\r\n"
                + "cn-north,service_service_log,2,other_software,\"[\"\"maps\"\",\"\"mail\"\"]\"\r\n");
    }

    @Test
    void jsonIsTheFileAsWritten() throws Exception {
        String lines = "{\"region\":\"cn-north\",\"table\":\"t\",\"row\":{\"a\":1}}\n";
        Path file = Files.writeString(dir.resolve(ID + ".jsonl"), lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        AccessExports.copy(file, AccessExports.Format.JSON, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(lines);
    }

    @Test
    void exportsAreDeletedOnceTheirTimeIsUpAndOnlyRequestIdsNameAFile() throws Exception {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        AccessExports exports = new AccessExports(dir, null, new MovableClock(now));
        Path old = Files.writeString(dir.resolve(ID + ".jsonl"), "{}\n");
        Files.setLastModifiedTime(old, FileTime.from(now.minus(AccessExports.KEPT).minus(Duration.ofSeconds(1))));
        String fresh = "0b6c6f5e-0000-4000-8000-000000000002";
        Files.writeString(dir.resolve(fresh + ".jsonl"), "{}\n");
        Files.setLastModifiedTime(dir.resolve(fresh + ".jsonl"), FileTime.from(now.minus(Duration.ofDays(1))));
        Path unrelated = Files.writeString(dir.resolve("notes.txt"), "kept");
        Files.setLastModifiedTime(unrelated, FileTime.from(now.minus(Duration.ofDays(30))));

        exports.removeExpired();

        assertThat(exports.file(ID)).isEmpty();
        assertThat(exports.file(fresh)).contains(dir.resolve(fresh + ".jsonl"));
        assertThat(unrelated).exists();
        assertThat(exports.file("../notes")).isEmpty();
    }

    @Test
    void anExportLeftPartialByAStopIsNamedOnceAndItsFileDeleted() throws Exception {
        AccessExports exports = new AccessExports(dir, null, new MovableClock(Instant.parse("2026-12-01T10:00:00Z")));
        Path partial = Files.writeString(exports.partial(ID), "{\"region\":");
        Path finished = Files.writeString(dir.resolve("0b6c6f5e-0000-4000-8000-000000000002.jsonl"), "{}\n");
        Path unrelated = Files.writeString(dir.resolve(".notes.partial"), "kept");

        assertThat(exports.removeInterrupted()).containsExactly(ID);

        assertThat(partial).doesNotExist();
        assertThat(finished).exists();
        assertThat(unrelated).exists();
        assertThat(exports.removeInterrupted()).isEmpty();
    }

    @Test
    void aPartialExportWhoseWriterHoldsItsLockIsBeingWrittenAndStays() throws Exception {
        AccessExports exports = new AccessExports(dir, null, new MovableClock(Instant.parse("2026-12-01T10:00:00Z")));
        Path partial = Files.writeString(exports.partial(ID), "{\"region\":");

        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThat(exports.removeInterrupted()).isEmpty();
            assertThat(partial).exists();
        }
        assertThat(exports.removeInterrupted()).containsExactly(ID);
    }

    @Test
    void aSweepWhileThisProcessWritesAnExportLeavesItLockedAgainstOtherProcesses() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AccessExports exports = new AccessExports(dir, (subject, app, out) -> {
            out.write("{\"region\":\"cn-north\",\"table\":\"t\",\"row\":{\"a\":1}}\n");
            out.flush();
            writing.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            return new SubjectAccess.Summary(1, 1, 1);
        }, new MovableClock(Instant.parse("2026-12-01T10:00:00Z")));
        Subject subject = new Subject(Optional.of("s-1"), Optional.empty());

        CompletableFuture<AccessExports.Written> written = CompletableFuture.supplyAsync(() -> {
            try {
                return exports.write(ID, "app", subject);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(exports.removeInterrupted()).isEmpty();

            assertThat(exports.partial(ID)).exists();
            // closing any channel this process opened on the file would have dropped the writer's lock
            assertThat(lockSeenByAnotherProcess(exports.partial(ID))).isEqualTo(LockProbe.HELD);
        } finally {
            finish.countDown();
        }
        assertThat(written.get(30, TimeUnit.SECONDS)).isEqualTo(new AccessExports.Written(1, 1, 1));
        assertThat(exports.file(ID)).isPresent();
        assertThat(exports.partial(ID)).doesNotExist();
    }

    private static String lockSeenByAnotherProcess(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
