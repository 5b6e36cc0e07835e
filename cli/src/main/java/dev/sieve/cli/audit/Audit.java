package dev.sieve.cli.audit;

import dev.sieve.cli.CliFailure;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.StoreFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * One audit: reads what is live in every region's ClickHouse and in Kafka, and holds each against what the policy
 * implies, including the k-anonymity of every non-raw table ({@link KAnonymityAudit}). Reading is all it does.
 * A region or cluster that cannot be read fails the audit (exit 1), naming it: an audit that could not look is no
 * clean audit.
 */
final class Audit {

    private Audit() {}

    /**
     * @param regions    the ClickHouse of each configured region
     * @param partitions the partitions {@code topics apply} creates topics with
     */
    static AuditReport run(SinkContext context, Map<String, ClickHouseGateway> regions, Admin admin, int partitions)
            throws InterruptedException {
        TableCatalog catalog = context.catalog();
        SchemaOptions schema = context.config().schema();
        List<Finding> findings = new ArrayList<>();
        List<Unchecked> unchecked = new ArrayList<>();
        List<KAnonymityMeasure> kAnonymity = new ArrayList<>();
        for (String region : context.policy().regions().keySet()) {
            ClickHouseGateway ch = regions.get(region);
            if (ch == null) {
                unchecked.add(new Unchecked(region, "clickhouse", "no endpoint configured (clickhouse.region."
                        + region + ".url)"));
                continue;
            }
            SystemTables live = new SystemTables(ch, schema);
            try {
                List<LiveTable> tables = live.tables();
                findings.addAll(TableAudit.check(catalog, schema, region, tables));
                List<KAnonymityMeasure> measured = KAnonymityAudit.measure(catalog, context.policy().kAnonymity(),
                        schema, region, tables, ch, unchecked);
                measured.forEach(m -> m.finding().ifPresent(findings::add));
                kAnonymity.addAll(measured);
                LiveAccess access = live.access();
                if (access instanceof LiveAccess.Rows rows) {
                    String sinkUser = context.config().regions().get(region).user();
                    findings.addAll(GrantAudit.check(catalog, schema, sinkUser, region, rows));
                } else if (access instanceof LiveAccess.Unreadable why) {
                    unchecked.add(new Unchecked(region, "grants", why.reason()));
                }
            } catch (StoreFailure f) {
                throw CliFailure.failed("cannot audit the ClickHouse of region " + region + ": " + f.getMessage());
            }
        }
        try {
            findings.addAll(TopicAudit.check(catalog.topics().all(), KafkaTopics.read(admin), partitions));
        } catch (ExecutionException e) {
            throw CliFailure.failed("cannot audit Kafka: " + e.getCause().getMessage());
        }
        return new AuditReport(findings, unchecked, kAnonymity);
    }
}
