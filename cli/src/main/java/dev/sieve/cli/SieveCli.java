package dev.sieve.cli;

import dev.sieve.cli.audit.AuditCommand;
import dev.sieve.cli.ddl.DdlCommand;
import dev.sieve.cli.ddl.GrantsCommand;
import dev.sieve.cli.dlq.DlqCommand;
import dev.sieve.cli.erasure.EraseCommand;
import dev.sieve.cli.export.ExportCommand;
import dev.sieve.cli.hold.LegalHoldCommand;
import dev.sieve.cli.policy.PolicyCommand;
import dev.sieve.cli.purpose.PurposeCommand;
import dev.sieve.cli.incident.IncidentCommand;
import dev.sieve.cli.retention.RetentionCommand;
import dev.sieve.cli.scan.ScanCommand;
import dev.sieve.cli.sunset.SunsetCommand;
import dev.sieve.cli.topics.TopicsCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sieve}: the operator's command line. Every command checks its input before it changes anything, prints
 * what it did, and exits {@value #OK} when done, {@value #FAILED} when the work failed or found a problem (a
 * broken policy, drift), {@value #USAGE} for bad usage or configuration. Nothing it prints quotes a subject's
 * identifiers unless the operator asked for that subject's data.
 */
@Command(name = "sieve", mixinStandardHelpOptions = true, version = "sieve 0.1.0",
        description = "Operate a Sieve pipeline: policy, topics, tables, retention, holds, erasure, dead letters.",
        subcommands = {PolicyCommand.class, TopicsCommand.class,
                DdlCommand.class, GrantsCommand.class, RetentionCommand.class, LegalHoldCommand.class,
                EraseCommand.class, ExportCommand.class, AuditCommand.class, DlqCommand.class, SunsetCommand.class,
                ScanCommand.class, IncidentCommand.class, PurposeCommand.class})
public final class SieveCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private SieveCli() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line; what it prints goes to {@code out}, problems to {@code err}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SieveCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliFailure failure) {
                commandLine.getErr().println(failure.getMessage());
                return failure.exitCode();
            }
            // The type and stack only: a library's message may quote the data it was handling.
            commandLine.getErr().println("unexpected " + e.getClass().getName() + " (see the stack trace below)");
            for (StackTraceElement frame : e.getStackTrace()) {
                commandLine.getErr().println("\tat " + frame);
            }
            return FAILED;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
