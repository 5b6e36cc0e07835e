package dev.sieve.cli.audit;

import dev.sieve.cli.CliFailure;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.KAnonymityMeasure;
import dev.sieve.sink.audit.StoreAudit;
import dev.sieve.sink.audit.Unchecked;
import dev.sieve.sink.store.StoreFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * One audit: the sink audits every region's store against the policy ({@link SinkOperations#storeAudit}: tables,
 * TTLs, grants, the k-anonymity of every non-raw table), and this holds Kafka's topics against it
 * ({@link TopicAudit}). Reading is all it does. A region or cluster that cannot be read fails the audit (exit 1),
 * naming it: an audit that could not look is no clean audit.
 */
final class Audit {

    private Audit() {}

    /**
     * @param sink       the sink's operations on the configured regions
     * @param partitions the partitions {@code topics apply} creates topics with
     * @param quarantined the purposes quarantined now: listed, and their readers must hold no grants
     */
    static AuditReport run(SinkContext context, SinkOperations sink, Admin admin, int partitions,
            Collection<PurposeQuarantine> quarantined) throws InterruptedException {
        Set<String> purposes = quarantined.stream().map(PurposeQuarantine::getPurpose).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>(QuarantineFindings.of(quarantined));
        List<Unchecked> unchecked = new ArrayList<>();
        List<KAnonymityMeasure> kAnonymity = new ArrayList<>();
        for (String region : context.policy().regions().keySet()) {
            if (!context.config().regions().containsKey(region)) {
                unchecked.add(new Unchecked(region, "clickhouse", "no endpoint configured (clickhouse.region."
                        + region + ".url)"));
                continue;
            }
            try {
                StoreAudit store = sink.storeAudit(region, context.config().regions().get(region).user(),
                        purposes);
                findings.addAll(store.findings());
                unchecked.addAll(store.unchecked());
                kAnonymity.addAll(store.kAnonymity());
            } catch (StoreFailure f) {
                throw CliFailure.failed("cannot audit the ClickHouse of region " + region + ": " + f.getMessage());
            }
        }
        try {
            findings.addAll(TopicAudit.check(context.catalog().topics().all(), KafkaTopics.read(admin), partitions));
        } catch (ExecutionException e) {
            throw CliFailure.failed("cannot audit Kafka: " + e.getCause().getMessage());
        }
        return new AuditReport(findings, unchecked, kAnonymity);
    }
}
