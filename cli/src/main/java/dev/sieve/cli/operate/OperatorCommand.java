package dev.sieve.cli.operate;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.ConfigOption;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.store.StoreFailure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The shell of an operator command on a running deployment: {@code --config FILE}, then {@link #run()}. It turns
 * the failures every such command may meet into exit codes and messages without stack traces: a ClickHouse error
 * (already redacted by the sink's gateway: no row values) exits 1, unusable pseudonymization keys exit 2.
 *
 * <p>Arguments picocli cannot place are reported without their values: a stray positional argument on these
 * command lines is most likely a subject or device id typed in the wrong place, and messages never quote those.
 */
public abstract class OperatorCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected ConfigOption config;

    @Mixin
    HelpOption help;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    /** The command's work; returns the exit code. */
    protected abstract int run() throws KeyException, InterruptedException;

    @Override
    public final Integer call() throws InterruptedException {
        rejectUnmatched();
        try {
            return run();
        } catch (StoreFailure e) {
            // the gateway's messages mostly name ClickHouse already ("ClickHouse unreachable: ...")
            throw CliFailure.failed(e.getMessage().startsWith("ClickHouse") ? e.getMessage()
                    : "ClickHouse failed: " + e.getMessage());
        } catch (KeyException e) {
            throw CliFailure.usage(e.getMessage());
        }
    }

    protected final SinkContext context() {
        return configuration().context();
    }

    /** The {@code --config} this command runs with; a subcommand may take its parent's. */
    protected ConfigOption configuration() {
        return config;
    }

    /** Whether {@code --config} was given to this command itself. */
    protected final boolean hasOwnConfig() {
        return spec.commandLine().getParseResult().hasMatchedOption("--config");
    }

    /** The sink's operations on the configured regions (connected on first use); close them (try-with-resources). */
    protected final SinkOperations operations() {
        return SinkOperations.of(context());
    }

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Bad input: printed with the command's usage, exit 2. */
    protected final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void rejectUnmatched() {
        if (unmatched.isEmpty()) {
            return;
        }
        List<String> options = unmatched.stream().filter(a -> a.startsWith("-")).toList();
        long others = unmatched.size() - options.size();
        StringBuilder message = new StringBuilder();
        if (!options.isEmpty()) {
            message.append("unknown option").append(options.size() == 1 ? " " : "s ")
                    .append(String.join(", ", options.stream().map(o -> "'" + o.replaceAll("=.*", "=...") + "'")
                            .toList()));
        }
        if (others > 0) {
            message.append(message.length() == 0 ? "" : "; ").append(others).append(" unexpected argument")
                    .append(others == 1 ? "" : "s").append(" (not shown: it may be an identifier)");
        }
        throw usage(message.toString());
    }
}
