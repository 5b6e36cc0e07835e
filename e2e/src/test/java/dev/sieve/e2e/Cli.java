package dev.sieve.e2e;

import dev.sieve.cli.SieveCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The operator CLI run in the test's JVM, as an operator would run {@code ./sieve COMMAND}. */
final class Cli {

    /** What one command printed and its exit code. */
    record Output(int code, String out, String err) {}

    private Cli() {}

    static Output run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SieveCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Output(code, out.toString(), err.toString());
    }
}
