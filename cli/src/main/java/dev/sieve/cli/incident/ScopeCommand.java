package dev.sieve.cli.incident;

import dev.sieve.cli.SieveCli;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.TimeWindow;
import dev.sieve.sink.subject.IncidentScope;
import java.time.Instant;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sieve incident scope (--table T | --purpose P) --from T1 --to T2 [--format jsonl|csv]}: every person and
 * device whose rows of the table (or of every table of the purpose) lie in the window, in every region
 * ({@link SinkOperations#incidentScopeOfTable}); the list to send notifications from goes to standard output, the
 * counts by region and what could not be resolved to standard error. Like {@code export}, the output is the one
 * deliberate place for identifiers: the people to inform.
 */
@Command(name = "scope", description = "Who is affected by a leak of a table's (or a purpose's) rows in a time"
        + " window: raw subject and device ids, pseudonyms resolved through the raw tables and the key ring;"
        + " one line per person on standard output, counts by region on standard error.")
public final class ScopeCommand extends OperatorCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Leaked leaked;

    /** Exactly one of the two. */
    static final class Leaked {
        @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table whose rows leaked.")
        String table;

        @Option(names = "--purpose", required = true, paramLabel = "PURPOSE",
                description = "The purpose whose tables' rows leaked.")
        String purpose;
    }

    @Option(names = "--from", required = true, paramLabel = "INSTANT",
            description = "Start of the window (inclusive), e.g. 2026-12-01T00:00:00Z.")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "End of the window (exclusive).")
    Instant to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl (default) or csv.")
    ScopeOutput.Format format;

    @Override
    protected int run() throws KeyException {
        if (!from.isBefore(to)) {
            throw usage("--from must be before --to");
        }
        TableCatalog catalog = context().catalog();
        if (leaked.table != null && catalog.table(leaked.table).isEmpty()) {
            throw usage("the policy defines no table " + leaked.table);
        }
        if (leaked.purpose != null && !catalog.policy().purposes().containsKey(leaked.purpose)) {
            throw usage("the policy defines no purpose " + leaked.purpose);
        }
        TimeWindow window = new TimeWindow(from, to);
        try (SinkOperations sink = operations()) {
            IncidentScope.Scope scope = leaked.table != null ? sink.incidentScopeOfTable(leaked.table, window)
                    : sink.incidentScopeOfPurpose(leaked.purpose, window);
            new ScopeOutput(format).write(scope, out(), err());
            return SieveCli.OK;
        }
    }
}
