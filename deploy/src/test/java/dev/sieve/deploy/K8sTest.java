package dev.sieve.deploy;

import static dev.sieve.deploy.DeployFiles.list;
import static dev.sieve.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.CollectorConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/k8s against the stages' real configuration loaders, ports, probes and the Secret template. */
class K8sTest {

    final K8s k8s = new K8s();
    final Secrets secrets = new Secrets();

    @TempDir
    Path scratch;

    Map<Stage, Map<String, Object>> stageDeployments() {
        Map<Stage, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> d : k8s.ofKind("Deployment")) {
            String main = String.valueOf(list(K8s.container(d).get("args")).get(0));
            out.put(Stage.ofMainClass(main).orElseThrow(() -> new AssertionError(K8s.name(d) + " runs " + main)), d);
        }
        return out;
    }

    @Test
    void kustomizationNamesFilesThatExistAndLeavesTheSecretTemplateOut() {
        for (Object r : list(k8s.kustomization.get("resources"))) {
            assertThat(DeployFiles.K8S.resolve(String.valueOf(r))).exists();
        }
        for (Object g : list(k8s.kustomization.get("configMapGenerator"))) {
            k8s.generatorFiles(String.valueOf(map(g).get("name"))).forEach(f -> assertThat(f).exists());
        }
        assertThat(k8s.generatorFiles("sieve-policy")).as("the policy the stages are built with, not a copy")
                .containsExactly(DeployFiles.BUNDLED_POLICY);
        assertThat(list(k8s.kustomization.get("resources"))).doesNotContain("secrets.template.yaml", "secrets.yaml");
    }

    @Test
    void everyDeploymentLoadsItsConfigurationWithTheEnvironmentAndMountsItsPodGets() throws Exception {
        Map<Stage, Map<String, Object>> deployments = stageDeployments();
        assertThat(deployments.keySet()).containsExactlyInAnyOrder(Stage.values());
        for (Map<String, Object> d : deployments.values()) {
            StageConfigs.Loaded loaded = StageConfigs.load(k8s.deployed(d, secrets, scratch));
            assertThat(loaded.env()).as(K8s.name(d)).containsKey("SIEVE_KAFKA_BOOTSTRAP_SERVERS");
            if (loaded.stage() == Stage.ANONYMIZE || loaded.stage() == Stage.SINK) {
                assertThat(loaded.keyRings()).as(K8s.name(d)).isNotEmpty();
            }
            if (loaded.stage() != Stage.COLLECTOR) {
                // Each consuming pod is a static group member under its own name.
                assertThat(loaded.membership().orElseThrow().instanceId()).as(K8s.name(d)).contains(K8s.podName(d));
            }
        }
    }

    @Test
    void probesAndScrapeAnnotationsUseEachStagesConfiguredPortAndScheme() throws Exception {
        for (Map.Entry<Stage, Map<String, Object>> e : stageDeployments().entrySet()) {
            Map<String, Object> d = e.getValue();
            StageConfigs.Loaded loaded = StageConfigs.load(k8s.deployed(d, secrets, scratch));
            Map<String, Object> c = K8s.container(d);
            Map<String, Integer> ports = new LinkedHashMap<>();
            list(c.get("ports")).forEach(p -> ports.put(String.valueOf(map(p).get("name")),
                    (Integer) map(p).get("containerPort")));
            String scheme = loaded.tls() ? "HTTPS" : "HTTP";
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                Map<String, Object> get = map(map(c.get(probe)).get("httpGet"));
                assertThat(ports.get(String.valueOf(get.get("port")))).as(K8s.name(d) + " " + probe + " port")
                        .isEqualTo(loaded.port());
                assertThat(String.valueOf(get.getOrDefault("scheme", "HTTP"))).as(K8s.name(d) + " " + probe)
                        .isEqualTo(scheme);
            }
            assertThat(map(map(c.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo(e.getKey().readyPath);
            assertThat(map(map(c.get("livenessProbe")).get("httpGet")).get("path"))
                    .isEqualTo(e.getKey() == Stage.COLLECTOR ? "/health/live" : "/health");
            Map<String, Object> annotations = map(map(map(map(d.get("spec")).get("template")).get("metadata"))
                    .get("annotations"));
            assertThat(annotations).as(K8s.name(d)).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", Integer.toString(loaded.port()))
                    .containsEntry("prometheus.io/path", "/metrics");
            assertThat(String.valueOf(annotations.getOrDefault("prometheus.io/scheme", "http")))
                    .isEqualTo(scheme.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void everyContainerHasResourcesAndEveryDeploymentReplicas() {
        List<Map<String, Object>> workloads = new ArrayList<>(k8s.ofKind("Deployment"));
        workloads.addAll(k8s.ofKind("Job"));
        for (Map<String, Object> w : workloads) {
            Map<String, Object> resources = map(K8s.container(w).get("resources"));
            assertThat(map(resources.get("requests"))).as(K8s.name(w)).containsKeys("cpu", "memory");
            assertThat(map(resources.get("limits"))).as(K8s.name(w)).containsKey("memory");
        }
        for (Map<String, Object> d : k8s.ofKind("Deployment")) {
            assertThat((Integer) map(d.get("spec")).get("replicas")).as(K8s.name(d)).isPositive();
        }
    }

    @Test
    void servicesTargetPortsTheirPodsDeclare() {
        Map<String, Set<String>> portsByApp = new LinkedHashMap<>();
        for (Map<String, Object> d : k8s.ofKind("Deployment")) {
            Set<String> names = new TreeSet<>();
            list(K8s.container(d).get("ports")).forEach(p -> names.add(String.valueOf(map(p).get("name"))));
            portsByApp.put(String.valueOf(map(map(d.get("spec")).get("selector")).get("matchLabels")), names);
        }
        for (Map<String, Object> s : k8s.ofKind("Service")) {
            Map<String, Object> spec = map(s.get("spec"));
            Set<String> ports = portsByApp.get(String.valueOf(spec.get("selector")));
            assertThat(ports).as(K8s.name(s) + " selects a Deployment").isNotNull();
            list(spec.get("ports")).forEach(p -> assertThat(ports).contains(String.valueOf(map(p).get("targetPort"))));
        }
        assertThat(k8s.ofKind("Service")).extracting(K8s::name)
                .contains("collector", "enrich-metrics", "anonymize-metrics", "sink-metrics");
    }

    @Test
    void everySecretReferenceIsInTheTemplateAndTheTemplateHoldsOnlyPlaceholders() {
        List<Map<String, Object>> workloads = new ArrayList<>(k8s.ofKind("Deployment"));
        workloads.addAll(k8s.ofKind("Job"));
        for (Map<String, Object> w : workloads) {
            // deployed() fails on a reference to a Secret or key the template does not have
            k8s.deployed(w, secrets, scratch);
        }
        for (Object d : DeployFiles.yamlDocuments(K8s.SECRETS_TEMPLATE)) {
            Map<String, Object> secret = map(d);
            assertThat(map(secret.get("stringData")).values()).as(K8s.name(secret)).allSatisfy(v ->
                    assertThat(String.valueOf(v)).satisfiesAnyOf(x -> assertThat(x).isEqualTo("REPLACE_ME"),
                            x -> assertThat(x).contains("password=\"REPLACE_ME\"")));
            assertThat(map(secret.get("data")).values()).as(K8s.name(secret)).allSatisfy(v ->
                    assertThat(v).isEqualTo("REPLACE_ME"));
        }
    }

    @Test
    void theTopicsJobAppliesTheMountedPolicyWithTheMountedClientSettings() {
        Map<String, Object> job = k8s.ofKind("Job").stream().filter(j -> K8s.name(j).equals("topics-apply"))
                .findFirst().orElseThrow();
        Deployed topics = k8s.deployed(job, secrets, scratch);
        List<String> args = topics.command();
        assertThat(args).startsWith("dev.sieve.cli.SieveCli", "topics", "apply");
        assertThat(args.get(args.indexOf("--bootstrap-servers") + 1)).isEqualTo("$(SIEVE_KAFKA_BOOTSTRAP_SERVERS)");
        assertThat(topics.env()).containsKey("SIEVE_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(topics.hostPath(args.get(args.indexOf("--policy") + 1))).exists();
        assertThat(topics.hostPath(args.get(args.indexOf("--client-config") + 1))).exists();
    }

    @Test
    void clickHouseAccessJobsPrepareEveryRegionTheSinkWritesToWithThatRegionsPasswords() throws Exception {
        StageConfigs.Loaded sink = StageConfigs.load(k8s.deployed(stageDeployments().get(Stage.SINK), secrets, scratch));
        Map<String, String> hostByRegion = new LinkedHashMap<>();
        sink.sink().regions().forEach((region, endpoint) -> hostByRegion.put(region, URI.create(endpoint.url()).getHost()));
        assertThat(hostByRegion.keySet()).containsExactlyInAnyOrderElementsOf(sink.policy().regions().keySet());

        Set<String> needed = passwordsTheScriptNeeds();
        Map<String, String> jobHosts = new LinkedHashMap<>();
        for (Map<String, Object> job : k8s.ofKind("Job")) {
            if (!K8s.name(job).startsWith("clickhouse-access-")) {
                continue;
            }
            Deployed access = k8s.deployed(job, secrets, scratch);
            assertThat(access.command()).startsWith("/bin/bash", "/sieve/clickhouse/apply-access.sh");
            assertThat(access.hostPath("/sieve/clickhouse/apply-access.sh")).hasSameTextualContentAs(DeployFiles.APPLY_ACCESS);
            assertThat(access.hostPath("/sieve/clickhouse/roles.sql")).hasSameTextualContentAs(DeployFiles.ROLES_SQL);
            assertThat(access.env()).as(K8s.name(job)).containsKeys(needed.toArray(String[]::new))
                    .containsKeys("CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD");
            jobHosts.put(K8s.name(job).substring("clickhouse-access-".length()), access.command().get(2));
        }
        assertThat(jobHosts).isEqualTo(hostByRegion);
        // The sink logs in with the password the region's access Job gave sieve_sink there.
        for (Object e : list(K8s.container(stageDeployments().get(Stage.SINK)).get("env"))) {
            String name = String.valueOf(map(e).get("name"));
            Matcher m = Pattern.compile("CLICKHOUSE_(.+)_SINK_PASSWORD").matcher(name);
            if (m.matches()) {
                Map<String, Object> ref = map(map(map(e).get("valueFrom")).get("secretKeyRef"));
                String region = m.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                assertThat(ref).containsEntry("name", "sieve-clickhouse-" + region)
                        .containsEntry("key", "SIEVE_CH_SINK_PASSWORD");
            }
        }
    }

    @Test
    void theCollectorServesTheRightsApiWithServerKeysFromItsSecretAndExportsOnAReadWriteManyClaim() throws Exception {
        Map<String, Object> deployment = stageDeployments().get(Stage.COLLECTOR);
        Deployed collector = k8s.deployed(deployment, secrets, scratch);
        CollectorConfig config = StageConfigs.load(collector).collector();
        Map<String, String> file = DeployFiles.properties(collector.configFile());

        for (String variable : StageConfigs.serverKeyVariables(collector).values()) {
            Map<String, Object> var = list(K8s.container(deployment).get("env")).stream().map(DeployFiles::map)
                    .filter(v -> variable.equals(v.get("name"))).findFirst().orElseThrow();
            assertThat(map(map(var.get("valueFrom")).get("secretKeyRef"))).as(variable)
                    .containsEntry("name", "sieve-collector");
        }

        // Every replica must see the exports the others wrote: a claim that many nodes can mount read-write.
        String exportDir = file.get(CollectorConfigLoader.RIGHTS_EXPORT_DIR);
        assertThat(config.rights()).isPresent();
        String volumeName = list(K8s.container(deployment).get("volumeMounts")).stream().map(DeployFiles::map)
                .filter(m -> exportDir.equals(m.get("mountPath")) || exportDir.startsWith(m.get("mountPath") + "/"))
                .map(m -> String.valueOf(m.get("name"))).findFirst().orElseThrow();
        Map<String, Object> volume = list(K8s.podSpec(deployment).get("volumes")).stream().map(DeployFiles::map)
                .filter(v -> volumeName.equals(v.get("name"))).findFirst().orElseThrow();
        String claim = String.valueOf(map(volume.get("persistentVolumeClaim")).get("claimName"));
        Map<String, Object> pvc = k8s.ofKind("PersistentVolumeClaim").stream().filter(c -> K8s.name(c).equals(claim))
                .findFirst().orElseThrow(() -> new AssertionError("no PersistentVolumeClaim " + claim));
        assertThat(list(map(pvc.get("spec")).get("accessModes"))).containsExactly("ReadWriteMany");
        assertThat((Integer) map(deployment.get("spec")).get("replicas")).isGreaterThan(1);

        // The sink configuration it reads loads with the collector's own environment and mounts.
        StageConfigs.Loaded sink = StageConfigs.rightsSink(collector);
        assertThat(sink.sink().regions().keySet()).containsExactlyInAnyOrderElementsOf(sink.policy().regions().keySet());
        assertThat(sink.keyRings()).isNotEmpty();
    }

    /** The SIEVE_CH_*_PASSWORD variables apply-access.sh reads. */
    static Set<String> passwordsTheScriptNeeds() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("password_hash (SIEVE_CH_[A-Z_]+)").matcher(DeployFiles.read(DeployFiles.APPLY_ACCESS));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).hasSize(3);
        return names;
    }
}
