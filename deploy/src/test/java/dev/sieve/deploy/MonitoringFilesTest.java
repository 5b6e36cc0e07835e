package dev.sieve.deploy;

import static dev.sieve.deploy.DeployFiles.list;
import static dev.sieve.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus and Grafana files against compose.yaml and the stages' configuration: every stage is scraped on the
 * port it serves metrics on, the rule file and dashboard are where their configurations look, the dashboard's
 * data source is the provisioned one. (That every metric they name is exported: DashboardMetricsIT.)
 */
class MonitoringFilesTest {

    final Compose compose = new Compose();

    @TempDir
    Path scratch;

    @Test
    void prometheusScrapesEveryStageOnceOnItsServiceAndConfiguredPort() throws Exception {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Object job : list(DeployFiles.yaml(DeployFiles.PROMETHEUS).get("scrape_configs"))) {
            Map<String, Object> j = map(job);
            assertThat(j.get("metrics_path")).isEqualTo("/metrics");
            List<Object> t = list(map(list(j.get("static_configs")).get(0)).get("targets"));
            assertThat(t).hasSize(1);
            targets.put(String.valueOf(j.get("job_name")), String.valueOf(t.get(0)));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        Secrets secrets = new Secrets();
        for (Map.Entry<Stage, String> e : compose.stageServices().entrySet()) {
            int port = StageConfigs.load(compose.deployed(e.getValue(), secrets, scratch)).port();
            expected.put(e.getKey().id(), e.getValue() + ":" + port);
        }
        assertThat(targets).as("job = stage, target = compose service:port").isEqualTo(expected);
    }

    @Test
    void prometheusFindsItsRulesAndGrafanaItsDashboardAndDataSourceWhereComposeMountsThem() {
        Deployed prometheus = new Deployed("prometheus", List.of(), Map.of(), compose.mounts("prometheus", scratch));
        for (Object rules : list(DeployFiles.yaml(DeployFiles.PROMETHEUS).get("rule_files"))) {
            assertThat(prometheus.hostPath(String.valueOf(rules))).isEqualTo(DeployFiles.ALERTS);
        }
        assertThat(compose.command("prometheus")).contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(prometheus.hostPath("/etc/prometheus/prometheus.yml")).isEqualTo(DeployFiles.PROMETHEUS);

        Deployed grafana = new Deployed("grafana", List.of(), Map.of(), compose.mounts("grafana", scratch));
        Map<String, Object> provider = map(list(DeployFiles.yaml(grafana.hostPath(
                "/etc/grafana/provisioning/dashboards/sieve.yml")).get("providers")).get(0));
        assertThat(grafana.hostPath(map(provider.get("options")).get("path") + "/sieve-dashboard.json"))
                .isEqualTo(DeployFiles.DASHBOARD);
        Map<String, Object> source = map(list(DeployFiles.yaml(grafana.hostPath(
                "/etc/grafana/provisioning/datasources/prometheus.yml")).get("datasources")).get(0));
        assertThat(source.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(compose.services).containsKey("prometheus");

        JsonNode dashboard = Expressions.dashboard();
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(source.get("uid"));
            assertThat(panel.path("targets")).isNotEmpty().allSatisfy(t ->
                    assertThat(t.path("datasource").path("uid").asText()).isEqualTo(source.get("uid")));
        });
    }

    @Test
    void everyExpressionReadsAtLeastOneSeries() {
        List<Expressions.Expression> all = Expressions.all();
        assertThat(all).hasSizeGreaterThan(10);
        for (Expressions.Expression e : all) {
            assertThat(PromQl.parse(e.promql()).selectors()).as(e.where() + ": " + e.promql()).isNotEmpty();
        }
    }

    @Test
    void everyYamlFileOfTheDeploymentParses() {
        List<Path> files = DeployFiles.yamlFiles();
        assertThat(files).hasSizeGreaterThan(12);
        for (Path f : files) {
            assertThat(DeployFiles.yamlDocuments(f)).as(f.toString()).isNotEmpty();
        }
    }
}
