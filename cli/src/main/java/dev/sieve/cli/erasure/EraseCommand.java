package dev.sieve.cli.erasure;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.ConfigOption;
import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.cli.operate.Poller;
import dev.sieve.cli.operate.SubjectOption;
import dev.sieve.cli.operate.WaitTimeout;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.erasure.ErasureListEntries;
import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.subject.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sieve erase (--subject S | --device D) --by WHO [--id REQUEST_ID] [--wait]} files an erasure request;
 * {@code sieve erase status REQUEST_ID} reports it per region. The subject group is optional to picocli only so that
 * {@code erase status} parses; {@code erase} itself requires it.
 */
@Command(name = "erase", description = "Erase a subject or device everywhere (policy 5.1-5.2), or see how far an"
        + " erasure got.", subcommands = EraseCommand.Status.class)
public final class EraseCommand extends OperatorCommand {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SubjectOption who;

    @Option(names = "--by", paramLabel = "WHO", description = "Who files the request (audited). Required.")
    String by;

    @Option(names = "--id", paramLabel = "REQUEST_ID", description = "The request's id (default: a random UUID).")
    String requestId;

    @Option(names = "--wait", description = "Wait until every region completed (or deferred) the erasure.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = WaitTimeout.DEFAULT,
            converter = WaitTimeout.class, description = "How long --wait waits (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    protected int run() throws KeyException, InterruptedException {
        Subject subject = SubjectOption.of(who, spec);
        if (by == null) {
            throw usage("Missing required option: '--by=WHO'");
        }
        ErasureRequests requests = new ErasureRequests(context().topics());
        ErasureRequest request = requests.request(Optional.ofNullable(requestId), subject, by,
                Clock.systemUTC().instant());
        RecordMetadata sent;
        try (SinkOperations sink = operations()) {
            if (requestId != null) {
                ErasureRequests.checkUnused(sink::erasureStatus, requestId);
            }
            ErasureListEntries entries = new ErasureListEntries(context().erasureListKey(), sink::everyForm);
            try (ControlPublisher publisher = new ControlPublisher(configuration().kafkaClient())) {
                sent = requests.publish(publisher, request, entries);
            }
        }
        out().println("erasure request " + request.getRequestId() + " published (" + sent.topic() + " partition "
                + sent.partition() + " offset " + sent.offset() + ")");
        if (!await) {
            out().println("follow it with: sieve erase status " + request.getRequestId());
            return 0;
        }
        ErasureRequests.Outcome outcome;
        try (SinkOperations sink = operations()) {
            outcome = ErasureRequests.await(sink::erasureStatus, request.getRequestId(), Poller.real(), timeout);
        }
        ErasureRequests.lines(outcome.byRegion()).forEach(out()::println);
        if (!outcome.finished()) {
            throw CliFailure.failed("erasure request " + request.getRequestId() + " not finished in every region"
                    + " after " + WaitTimeout.format(timeout) + ": is the sink running? The request is on the topic;"
                    + " follow it with: sieve erase status " + request.getRequestId());
        }
        return 0;
    }

    @Command(name = "status", description = "Per region: requested, completed (tables, rows) or deferred.")
    static final class Status extends OperatorCommand {
        @Parameters(paramLabel = "REQUEST_ID", description = "The id erase printed.")
        String requestId;

        @ParentCommand
        EraseCommand parent;

        /** {@code sieve erase --config F status ID} reads as naturally as {@code erase status ID --config F}. */
        @Override
        protected ConfigOption configuration() {
            return hasOwnConfig() || !parent.hasOwnConfig() ? super.configuration() : parent.configuration();
        }

        @Override
        protected int run() {
            if (!ErasureRequests.REQUEST_ID.matcher(requestId).matches()) {
                throw usage("REQUEST_ID is not a request id: 1 to 64 letters, digits, '.', '_' or '-'");
            }
            Map<String, Optional<ErasureState>> states;
            try (SinkOperations sink = operations()) {
                states = sink.erasureStatus(requestId);
            }
            ErasureRequests.lines(states).forEach(out()::println);
            if (states.values().stream().noneMatch(Optional::isPresent)) {
                throw CliFailure.failed("erasure request " + requestId + " is unknown in every region");
            }
            return 0;
        }
    }
}
