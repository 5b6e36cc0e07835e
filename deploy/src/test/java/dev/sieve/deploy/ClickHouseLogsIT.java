package dev.sieve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.testsupport.ClickHouseEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * deploy/clickhouse/config.d/sieve-logs.xml: every ClickHouse server of the compose file mounts it, every system log
 * that can hold statement or error text expires within a week (the TTL checked by the real engine), the copies Sieve
 * does not need are off, and finished mutations' commands are not kept by the hundred.
 */
class ClickHouseLogsIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Path FILE = DeployFiles.DEPLOY.resolve("clickhouse/config.d/sieve-logs.xml");
    static final String TARGET = "/etc/clickhouse-server/config.d/sieve-logs.xml";

    @TempDir
    Path scratch;

    @Test
    void everyClickHouseServerOfTheComposeFileMountsTheLogSettings() {
        Compose compose = new Compose();
        List<String> servers = new ArrayList<>();
        for (String name : compose.services.keySet()) {
            Map<String, Object> service = compose.service(name);
            if (String.valueOf(service.get("image")).startsWith("clickhouse/clickhouse-server")
                    && !service.containsKey("entrypoint")) {
                servers.add(name);
                assertThat(compose.mounts(name, scratch)).as(name)
                        .anySatisfy(m -> {
                            assertThat(m.target()).isEqualTo(TARGET);
                            assertThat(m.source()).isEqualTo(FILE);
                        });
            }
        }
        assertThat(servers).containsExactlyInAnyOrder("clickhouse-cn-north", "clickhouse-cn-east");
    }

    @Test
    void logsWithStatementOrErrorTextExpireWithinAWeekAndTheRestAreOff() throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(FILE.toFile())
                .getDocumentElement();
        for (String log : List.of("query_log", "text_log", "part_log")) {
            Element e = child(root, log);
            String ttl = child(e, "ttl").getTextContent().strip();
            assertThat(ttl).as(log).isEqualTo("event_date + INTERVAL 7 DAY DELETE");
            // the expression as ClickHouse reads it on a table shaped like the system logs
            CLICKHOUSE.execute("CREATE TABLE default.ttl_" + log + " (event_date Date) ENGINE = MergeTree PARTITION BY "
                    + child(e, "partition_by").getTextContent().strip() + " ORDER BY tuple() TTL " + ttl);
        }
        for (String off : List.of("query_thread_log", "query_views_log")) {
            assertThat(child(root, off).getAttribute("remove")).as(off).isEqualTo("1");
        }
        assertThat(Integer.parseInt(child(child(root, "merge_tree"), "finished_mutations_to_keep").getTextContent()
                .strip())).isLessThan(100);
        String mask = child(child(child(root, "query_masking_rules"), "rule"), "regexp").getTextContent().strip();
        assertThat(CLICKHOUSE.query("SELECT replaceRegexpAll('WHERE email = ''alice.smith@example.com''', '"
                + mask.replace("\\", "\\\\") + "', '[e-mail]')", "TSV").strip()).isEqualTo("WHERE email = \\'[e-mail]\\'");
    }

    private static Element child(Element parent, String name) {
        Element found = null;
        for (int i = 0; i < parent.getChildNodes().getLength(); i++) {
            if (parent.getChildNodes().item(i) instanceof Element e && e.getTagName().equals(name)) {
                assertThat(found).as("one " + name).isNull();
                found = e;
            }
        }
        assertThat(found).as(name + " in " + parent.getTagName()).isNotNull();
        return found;
    }
}
