package dev.sieve.sink.clickhouse.audit;

import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.KAnonymityMeasure;
import dev.sieve.sink.audit.StoreAudit;
import dev.sieve.sink.audit.Unchecked;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The audit of one region's ClickHouse: reads its system tables ({@link SystemTables}) and holds the tables,
 * columns, TTLs and constraints ({@link TableAudit}), the k-anonymity of every non-raw table
 * ({@link KAnonymityAudit}) and the roles and grants ({@link GrantAudit}) against what the policy implies. It only
 * reads; a failure to read throws the gateway's {@link dev.sieve.sink.store.StoreFailure}.
 */
public final class ClickHouseAudit {

    private ClickHouseAudit() {}

    /**
     * @param sinkUser    the user the sink connects to this region as: the only one to hold the control role
     * @param quarantined the purposes quarantined now, whose readers must hold no grants
     */
    public static StoreAudit of(TableCatalog catalog, SchemaOptions schema, String region, ClickHouseGateway ch,
            String sinkUser, Set<String> quarantined) {
        List<Finding> findings = new ArrayList<>();
        List<Unchecked> unchecked = new ArrayList<>();
        SystemTables live = new SystemTables(ch, schema);
        List<LiveTable> tables = live.tables();
        findings.addAll(TableAudit.check(catalog, schema, region, tables));
        List<KAnonymityMeasure> measured = KAnonymityAudit.measure(catalog, catalog.policy().kAnonymity(), schema,
                region, tables, ch, unchecked);
        measured.forEach(m -> m.finding().ifPresent(findings::add));
        LiveAccess access = live.access();
        if (access instanceof LiveAccess.Rows rows) {
            findings.addAll(GrantAudit.check(catalog, schema, sinkUser, quarantined, region, rows));
        } else if (access instanceof LiveAccess.Unreadable why) {
            unchecked.add(new Unchecked(region, "grants", why.reason()));
        }
        return new StoreAudit(findings, unchecked, measured);
    }
}
