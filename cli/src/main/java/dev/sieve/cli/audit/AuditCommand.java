package dev.sieve.cli.audit;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.cli.purpose.QuarantineRegister;
import dev.sieve.sink.SinkOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sieve audit}: compares what is live (every configured region's ClickHouse tables, columns, TTLs,
 * constraints, roles and grants; Kafka's topics) with what the policy implies and prints every drift, measures
 * the k-anonymity of every non-raw table against the policy's minimum, lists rights requests past their due
 * date ({@link RightsAudit}) and quarantined purposes ({@link QuarantineFindings}). Exit 0 when
 * clean, 1 on drift (or when something could not be read), 2 for bad usage or configuration, so it can run in CI
 * or cron. It only reads.
 */
@Command(name = "audit", description = "Report every drift of ClickHouse tables, grants and Kafka topics from the"
        + " policy, each non-raw table's k-anonymity (below the policy's min_k is drift), overdue rights"
        + " requests and quarantined purposes. Exit 0 when clean, 1 on drift, 2 on bad usage or configuration.")
public final class AuditCommand extends OperatorCommand {

    /** What {@code topics apply} creates topics with when not told otherwise (its constant is private to it). */
    static final int DEFAULT_PARTITIONS = 3;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            converter = FormatConverter.class, description = "Lines for people (default) or one JSON object.")
    ReportFormat format;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + DEFAULT_PARTITIONS,
            description = "The partitions topics were created with (topics apply --partitions; default"
                    + " ${DEFAULT-VALUE}): fewer is noted.")
    int partitions;

    @Override
    protected int run() throws InterruptedException {
        if (partitions < 1) {
            throw usage("--partitions must be at least 1");
        }
        Map<String, Object> kafka = new HashMap<>(configuration().kafkaClient());
        kafka.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        try (SinkOperations sink = operations(); Admin admin = Admin.create(kafka)) {
            AuditReport report = Audit.run(context(), sink, admin, partitions, QuarantineRegister.read(
                    configuration().kafkaClient(), context().topics().quarantine()).quarantined());
            try {
                report = report.with(RightsAudit.check(RightsRegister.read(configuration().kafkaClient(),
                        context().catalog().topics().rightsRequests(), KAFKA_TIMEOUT),
                        context().policy().responsePeriod(), Instant.now()));
            } catch (KafkaException | TimeoutException e) {
                throw CliFailure.failed("cannot audit the rights requests: " + e.getMessage());
            }
            out().print(format.render(report));
            return report.exitCode();
        }
    }

    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected text or json, got '" + value + "'");
            }
        }
    }
}
