package dev.sieve.cli.purpose;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.HelpOption;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.cli.operate.TextTable;
import dev.sieve.schemas.control.PartitionOffset;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.scrub.IdentifierScan;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.store.QuarantineRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve purpose quarantine|release|status}: stop a purpose at run time when it leaks (policy 7.4), and start
 * it again. The request goes on {@code sieve.control.quarantine}; every sink holds the purpose's records in Kafka
 * and the sink revokes its readers' grants, records it in each region's audit trail, and undoes both on release.
 */
@Command(name = "purpose", description = "Stop a purpose at run time (quarantine), start it again (release), list"
        + " the quarantined ones.", subcommands = {PurposeCommand.Quarantine.class, PurposeCommand.Release.class,
        PurposeCommand.Status.class})
public final class PurposeCommand {

    @Mixin
    HelpOption help;

    @Command(name = "quarantine", description = "Stop storing the purpose: every sink holds its records in Kafka"
            + " (nothing lost) and its readers lose their grants on its tables, until it is released.")
    static final class Quarantine extends Operation {
        @Parameters(index = "0", paramLabel = "PURPOSE", description = "A purpose of the policy, e.g. analytics.")
        String purpose;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why (audited; never an identifier).")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (audited; default: the user running it).")
        String by;

        @Override
        protected int run() throws InterruptedException {
            checkPurpose(context(), purpose);
            if (reason.isBlank()) {
                throw usage("--reason must say why");
            }
            checkReason(reason);
            Optional<PurposeQuarantine> already = register().quarantine(purpose);
            if (already.isPresent()) {
                out().println("purpose " + purpose + " is already quarantined: " + since(already.get()));
                return 0;
            }
            PurposeQuarantine q = new PurposeQuarantine(purpose, QuarantineState.QUARANTINED, reason, who(by),
                    now(), List.of());
            RecordMetadata sent = publish(q);
            out().println("quarantined: purpose " + purpose + " (" + where(sent) + "): every sink holds its"
                    + " records in Kafka and stores none, and the sink revokes the readers' grants on its tables (see"
                    + " sieve purpose status)");
            return 0;
        }
    }

    @Command(name = "release", description = "Start storing a quarantined purpose again: the records it held are"
            + " stored (or, with --discard, never stored and deleted from Kafka) and its readers' grants return.")
    static final class Release extends Operation {
        @Parameters(index = "0", paramLabel = "PURPOSE", description = "A quarantined purpose.")
        String purpose;

        @Option(names = "--discard", description = "The held records must not be stored (a leak): they are"
                + " skipped and deleted from Kafka; what arrives after the release is stored.")
        boolean discard;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "",
                description = "Why (audited; never an identifier).")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (audited; default: the user running it).")
        String by;

        @Override
        protected int run() throws InterruptedException {
            checkPurpose(context(), purpose);
            checkReason(reason);
            if (register().quarantine(purpose).isEmpty()) {
                throw CliFailure.failed("purpose " + purpose + " is not quarantined; see sieve purpose status");
            }
            List<PartitionOffset> discardBefore = List.of();
            if (discard) {
                try (Admin admin = Admin.create(configuration().kafkaClient())) {
                    discardBefore = HeldRecords.end(admin, topics(context(), purpose));
                }
            }
            PurposeQuarantine q = new PurposeQuarantine(purpose, QuarantineState.RELEASED, reason, who(by), now(),
                    discardBefore);
            RecordMetadata sent = publish(q);
            out().println("released: purpose " + purpose + " (" + where(sent) + "): " + (discard
                    ? "the records it held are never stored and are deleted from Kafka (" + discardBefore.size()
                            + " partitions); what arrives from now on is stored"
                    : "every sink stores the records it held, then what arrives")
                    + "; the sink gives the readers' grants back");
            return 0;
        }
    }

    @Command(name = "status", description = "The quarantined purposes: since when, by whom, why, and in each"
            + " region whether the sink revoked the readers' grants.")
    static final class Status extends Operation {
        @Override
        protected int run() {
            List<PurposeQuarantine> quarantined = register().quarantined();
            if (quarantined.isEmpty()) {
                out().println("no purpose is quarantined");
                return 0;
            }
            try (SinkOperations sink = operations()) {
                out().print(table(quarantined, sink::lastQuarantine));
            }
            return 0;
        }

        /**
         * One line per quarantined purpose, with what each region's sink recorded for it.
         *
         * @param lastQuarantine by purpose: each region's latest audit record of it
         */
        static String table(List<PurposeQuarantine> quarantined,
                Function<String, Map<String, Optional<QuarantineRecord>>> lastQuarantine) {
            TextTable table = new TextTable(List.of("PURPOSE", "SINCE", "BY", "REASON", "GRANTS"));
            for (PurposeQuarantine q : quarantined) {
                table.row(List.of(q.getPurpose(), q.getChangedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                        q.getChangedBy(), q.getReason(), grants(q, lastQuarantine.apply(q.getPurpose()))));
            }
            return table.toString();
        }

        /** Per region: what the sink recorded for this quarantine, or that it has not applied it yet. */
        private static String grants(PurposeQuarantine q, Map<String, Optional<QuarantineRecord>> byRegion) {
            List<String> out = new ArrayList<>();
            byRegion.forEach((region, r) -> out.add(region + " " + r.filter(x -> x.event().equals("quarantined")
                    && !x.changedAt().isBefore(q.getChangedAt())).map(QuarantineRecord::grants)
                    .orElse("not applied yet")));
            return String.join(", ", out);
        }
    }

    /** @throws picocli.CommandLine.ParameterException exit 2 for a purpose the policy does not have */
    static void checkPurpose(SinkContext context, String purpose) {
        if (context.policy().purpose(purpose).isEmpty()) {
            throw CliFailure.usage("the policy has no purpose " + (purpose.length() <= 64 ? purpose
                    : purpose.substring(0, 64) + "...") + "; its purposes: "
                    + String.join(", ", context.policy().purposes().keySet()));
        }
    }

    /** The purpose's topics: the sink's input for its tables. */
    static List<String> topics(SinkContext context, String purpose) {
        return context.catalog().tables().stream().filter(t -> t.purpose().id().equals(purpose))
                .map(t -> context.catalog().topic(t).name()).toList();
    }

    /** What the purpose commands share: the register, publishing, and how they name who and when. */
    abstract static class Operation extends OperatorCommand {

        /**
         * The reason is kept in Kafka and in every region's audit trail: refused when the anonymizer's recognizers
         * find an identifier in it (an address, a number, a token), naming only which recognizers did.
         */
        void checkReason(String reason) {
            Set<String> found = IdentifierScan.forPolicy(context().policy()).inText(reason);
            if (!found.isEmpty()) {
                throw usage("--reason must not hold an identifier, and holds what " + String.join(", ", found)
                        + " recognizes: describe the leak without it");
            }
        }

        QuarantineRegister register() {
            return QuarantineRegister.read(configuration().kafkaClient(), context().topics().quarantine());
        }

        RecordMetadata publish(PurposeQuarantine q) throws InterruptedException {
            try (ControlPublisher publisher = new ControlPublisher(configuration().kafkaClient())) {
                return publisher.publish(context().topics().quarantine(), q.getPurpose(), q);
            }
        }

        static String who(String by) {
            return by != null ? by : System.getProperty("user.name", "unknown");
        }

        static Instant now() {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        static String since(PurposeQuarantine q) {
            return "since " + q.getChangedAt().truncatedTo(ChronoUnit.SECONDS) + " by " + q.getChangedBy() + ": "
                    + TextTable.oneLine(q.getReason());
        }

        static String where(RecordMetadata sent) {
            return sent.topic() + " partition " + sent.partition() + " offset " + sent.offset();
        }
    }
}
