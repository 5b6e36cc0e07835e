package dev.sieve.cli.export;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.cli.operate.SubjectOption;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectAccess;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sieve export (--subject S | --device D) [--out FILE]}: a subject's stored rows as JSON lines
 * ({@link SinkOperations#export}, streamed from the store). This output is the one place the command line prints a
 * subject's data: it is what the subject asked for.
 *
 * <p>With {@code --out}, the file is written beside its target and moved into place only when complete, readable
 * by its owner only, and never over an existing file: a failed export leaves nothing that looks like a whole one.
 * Without it the rows go to standard output and the summary to standard error, so the output stays pure JSON lines.
 */
@Command(name = "export", description = "Every stored row of a subject or device, as JSON lines (policy 4).")
public final class ExportCommand extends OperatorCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    SubjectOption who;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (must not exist) instead of"
            + " standard output.")
    Path out;

    @Override
    protected int run() throws KeyException {
        Subject subject = SubjectOption.of(who, spec);
        if (out != null && Files.exists(out)) {
            throw usage(out + " exists: an export never overwrites a file");
        }
        try (SinkOperations sink = operations()) {
            if (out == null) {
                SubjectAccess.Summary s = sink.export(subject, Optional.empty(), out());
                err().println(summary(s) + " written to standard output");
                return 0;
            }
            return toFile(sink, subject);
        } catch (IOException e) {
            throw CliFailure.failed("cannot write the export: " + e.getMessage());
        }
    }

    private int toFile(SinkOperations sink, Subject subject) throws IOException, KeyException {
        Path dir = out.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(dir, "." + out.getFileName() + ".", ".partial");
        try {
            trySetOwnerOnly(partial);
            SubjectAccess.Summary s;
            try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                s = sink.export(subject, Optional.empty(), w);
            }
            try {
                // without REPLACE_EXISTING: refuses a file that appeared meanwhile; same directory, so a rename
                Files.move(partial, out);
            } catch (FileAlreadyExistsException e) {
                throw CliFailure.usage(out + " exists: an export never overwrites a file");
            }
            out().println(summary(s) + " written to " + out);
            return 0;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions decide
        }
    }

    private static String summary(SubjectAccess.Summary s) {
        return s.rows() + (s.rows() == 1 ? " row" : " rows") + " from " + s.tables()
                + (s.tables() == 1 ? " table" : " tables") + " in " + s.regions()
                + (s.regions() == 1 ? " region" : " regions");
    }
}
