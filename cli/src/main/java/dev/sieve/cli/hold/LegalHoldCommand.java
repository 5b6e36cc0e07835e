package dev.sieve.cli.hold;

import dev.sieve.cli.operate.HelpOption;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.cli.operate.SubjectOption;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sieve legal-hold add|remove|list}: holds that stop TTL and erasure from deleting a subject's rows
 * (policy 6.2, legal exceptions), enforced by ClickHouse through the sink's hold tables.
 */
@Command(name = "legal-hold", description = "Legal holds: keep a subject's rows despite retention and erasure.",
        subcommands = {LegalHoldCommand.Add.class, LegalHoldCommand.Remove.class, LegalHoldCommand.ListHolds.class})
public final class LegalHoldCommand {

    @Mixin
    HelpOption help;

    /** The options add and remove share. */
    abstract static class Change extends OperatorCommand {
        @Option(names = "--id", required = true, paramLabel = "H", description = "The hold's id, e.g. a case number.")
        String holdId;

        @Option(names = "--by", required = true, paramLabel = "WHO", description = "Who (audited).")
        String by;

        @Option(names = "--reason", required = true, paramLabel = "WHY", description = "The legal ground (audited).")
        String reason;

    }

    @Command(name = "add", description = "Place a hold on a subject or device in every region.")
    static final class Add extends Change {
        @ArgGroup(exclusive = true, multiplicity = "1")
        SubjectOption who;

        @Override
        protected int run() throws KeyException {
            var subject = SubjectOption.of(who, spec);
            try (SinkOperations sink = operations()) {
                new HoldRegister(sink).add(holdId, subject, by, reason);
            }
            out().println("legal hold " + holdId + " placed in every region");
            return 0;
        }
    }

    @Command(name = "remove", description = "Lift a hold: the TTL catches up and deferred erasures run.")
    static final class Remove extends Change {
        @Override
        protected int run() throws KeyException {
            try (SinkOperations sink = operations()) {
                new HoldRegister(sink).remove(holdId, by, reason);
            }
            out().println("legal hold " + holdId + " lifted in every region");
            return 0;
        }
    }

    @Command(name = "list", description = "The holds in force. Who they cover is hidden unless --show-subjects.")
    static final class ListHolds extends OperatorCommand {
        @Option(names = "--show-subjects", description = "Print the subject and device ids the holds cover.")
        boolean showSubjects;

        @Override
        protected int run() {
            try (SinkOperations sink = operations()) {
                HoldRegister register = new HoldRegister(sink);
                List<HoldRegister.Listed> listed = register.list();
                out().print(HoldRegister.format(listed, showSubjects));
                List<String> incomplete = HoldRegister.incomplete(listed, sink.regions());
                if (!incomplete.isEmpty()) {
                    err().println("missing in some regions: " + String.join(", ", incomplete)
                            + "; remove and add them again");
                    return 1;
                }
            }
            return 0;
        }
    }
}
