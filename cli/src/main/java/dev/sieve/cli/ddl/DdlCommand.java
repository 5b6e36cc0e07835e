package dev.sieve.cli.ddl;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.HelpOption;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.store.Migration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sieve ddl show|apply}: the ClickHouse schema the sink keeps, printed or applied in every region. */
@Command(name = "ddl", description = "The sink's ClickHouse tables: print or apply the migrations.",
        subcommands = {DdlCommand.Show.class, DdlCommand.Apply.class})
public final class DdlCommand {

    @Mixin
    HelpOption help;

    @Command(name = "show", description = "Print every migration statement, in order (connects to nothing).")
    static final class Show extends OperatorCommand {
        @Override
        protected int run() {
            try (SinkOperations sink = operations()) {
                sink.ddl().forEach(sql -> out().println(sql + ";\n"));
            }
            return 0;
        }
    }

    @Command(name = "apply", description = "Run the migrations in every configured region and report what they"
            + " changed. They only create and add, never drop: a second run changes nothing.")
    static final class Apply extends OperatorCommand {
        @Override
        protected int run() {
            List<Migration> results;
            try (SinkOperations sink = operations()) {
                results = sink.migrate();
            }
            results.forEach(r -> MigrationReport.lines(r).forEach(out()::println));
            List<String> failed = results.stream().filter(r -> r.failure().isPresent()).map(r -> r.region()).toList();
            if (!failed.isEmpty()) {
                throw CliFailure.failed("ddl apply failed in " + String.join(", ", failed)
                        + "; the statements are idempotent: run it again once the cause is fixed");
            }
            return 0;
        }
    }
}
