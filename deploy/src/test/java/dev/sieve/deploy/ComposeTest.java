package dev.sieve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.CollectorConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/compose.yaml against the stages' real configuration loaders, ports and secrets. */
class ComposeTest {

    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|api.?key|token|key__).*");

    final Compose compose = new Compose();
    final Secrets secrets = new Secrets();

    @TempDir
    Path scratch;

    @Test
    void everyStageServiceLoadsItsConfigurationWithTheEnvironmentComposeGivesIt() throws Exception {
        Map<Stage, String> services = compose.stageServices();
        assertThat(services.keySet()).containsExactlyInAnyOrder(Stage.values());
        for (String service : services.values()) {
            StageConfigs.Loaded loaded = StageConfigs.load(compose.deployed(service, secrets, scratch));
            if (loaded.stage() == Stage.ANONYMIZE || loaded.stage() == Stage.SINK) {
                assertThat(loaded.keyRings()).as(service + ": a key ring for every purpose that pseudonymizes")
                        .isNotEmpty();
            }
        }
    }

    @Test
    void healthChecksAskEachStageOnThePortItsConfigurationSets() throws Exception {
        for (Map.Entry<Stage, String> e : compose.stageServices().entrySet()) {
            StageConfigs.Loaded loaded = StageConfigs.load(compose.deployed(e.getValue(), secrets, scratch));
            List<Object> test = DeployFiles.list(DeployFiles.map(compose.service(e.getValue()).get("healthcheck"))
                    .get("test"));
            assertThat(test).as(e.getValue() + " healthcheck").startsWith("CMD", "curl", "-fsS")
                    .last().isEqualTo("http://localhost:" + loaded.port() + e.getKey().readyPath);
        }
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndDependenciesWaitForHealthOrCompletion() {
        Set<String> oneShot = Set.of("topics", "clickhouse-access");
        for (String name : compose.services.keySet()) {
            Map<String, Object> service = compose.service(name);
            if (!oneShot.contains(name)) {
                assertThat(service).as(name + " has a healthcheck").containsKey("healthcheck");
            }
            DeployFiles.map(service.get("depends_on")).forEach((dependency, how) -> {
                Object condition = DeployFiles.map(how).get("condition");
                String expected = oneShot.contains(dependency) ? "service_completed_successfully" : "service_healthy";
                assertThat(condition).as(name + " depends on " + dependency).isEqualTo(expected);
            });
        }
        for (String stage : compose.stageServices().values()) {
            assertThat(DeployFiles.map(compose.service(stage).get("depends_on")).keySet()).as(stage)
                    .contains("kafka", "topics");
        }
        assertThat(DeployFiles.map(compose.service("sink").get("depends_on")).keySet()).contains("clickhouse-access");
    }

    @Test
    void secretsComeOnlyFromTheEnvFileAndTheExampleListsExactlyThoseLeftEmpty() {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : DeployFiles.read(DeployFiles.ENV_EXAMPLE).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] kv = line.split("=", 2);
                example.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        assertThat(example.keySet()).as(".env.example lists every variable compose.yaml refers to, and no other")
                .containsExactlyInAnyOrderElementsOf(compose.variables());
        assertThat(example).as("no secret value committed in .env.example").allSatisfy((k, v) -> assertThat(v).isEmpty());
        List<String> inline = new ArrayList<>();
        for (String name : compose.services.keySet()) {
            DeployFiles.map(compose.service(name).get("environment")).forEach((k, v) -> {
                if (SECRET_NAME.matcher(k).matches() && !String.valueOf(v).matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}")) {
                    inline.add(name + ": " + k);
                }
            });
        }
        assertThat(inline).as("secrets must be ${VAR:?...} references to deploy/.env").isEmpty();
    }

    @Test
    void configurationFilesKeepSecretsOutAsEnvironmentReferences() throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(DeployFiles.DEPLOY.resolve("config"))) {
            s.forEach(files::add);
        }
        try (var s = Files.list(DeployFiles.K8S.resolve("config"))) {
            s.forEach(files::add);
        }
        assertThat(files).hasSize(9);
        for (Path f : files) {
            DeployFiles.properties(f).forEach((k, v) -> {
                if (k.matches(".*(password|api-key|server-key|secret).*")) {
                    assertThat(v).as(f + " " + k).matches("\\$\\{[A-Z0-9_]+}");
                }
                if (k.endsWith("sasl.jaas.config")) {
                    assertThat(v).as(f + " " + k).contains("password=\"${");
                }
            });
        }
    }

    @Test
    void theCollectorServesTheRightsApiWithServerKeysFromTheEnvFileAndExportsOnANamedVolume() throws Exception {
        Deployed collector = compose.deployed(compose.stageServices().get(Stage.COLLECTOR), secrets, scratch);
        CollectorConfig config = StageConfigs.load(collector).collector();
        Map<String, String> file = DeployFiles.properties(collector.configFile());

        for (Map.Entry<String, String> key : StageConfigs.serverKeyVariables(collector).entrySet()) {
            String variable = key.getValue();
            assertThat(String.valueOf(DeployFiles.map(compose.service("collector").get("environment")).get(variable)))
                    .as(variable).matches("\\$\\{" + variable + ":\\?[^}]+}");
            assertThat(config.serverKeys().get(key.getKey())).isEqualTo(secrets.value(variable));
        }

        // Every collector replica must see the exports the others wrote: a named volume, not the container's disk.
        String exportDir = file.get(CollectorConfigLoader.RIGHTS_EXPORT_DIR);
        assertThat(config.rights()).isPresent();
        List<String> namedVolumes = new ArrayList<>();
        for (Object v : DeployFiles.list(compose.service("collector").get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            if (exportDir.equals(parts[1]) || exportDir.startsWith(parts[1] + "/")) {
                namedVolumes.add(parts[0]);
            }
        }
        assertThat(namedVolumes).as("the mount of " + exportDir).hasSize(1);
        assertThat(DeployFiles.map(compose.file.get("volumes"))).containsKey(namedVolumes.get(0));

        // The sink configuration it reads loads with the collector's own environment: ClickHouse password and keys.
        StageConfigs.Loaded sink = StageConfigs.rightsSink(collector);
        assertThat(sink.sink().regions().keySet()).containsExactlyInAnyOrderElementsOf(sink.policy().regions().keySet());
        assertThat(sink.keyRings()).isNotEmpty();
        assertThat(DeployFiles.map(compose.service("collector").get("depends_on"))).containsKey("clickhouse-access");
    }

    @Test
    void bindMountsNameFilesThatExist() {
        for (String name : compose.services.keySet()) {
            for (Deployed.Mount m : compose.mounts(name, scratch)) {
                assertThat(m.source()).as(name + " mounts " + m.target()).exists();
            }
        }
    }

    @Test
    void theSinkReachesEveryRegionsClickHouseServiceAndTheAccessJobPreparesEachOfThem() throws Exception {
        StageConfigs.Loaded sink = StageConfigs.load(compose.deployed("sink", secrets, scratch));
        assertThat(sink.sink().regions().keySet()).as("every region of the policy has its ClickHouse")
                .containsExactlyInAnyOrderElementsOf(sink.policy().regions().keySet());
        Set<String> hosts = new TreeSet<>();
        sink.sink().regions().values().forEach(r -> hosts.add(URI.create(r.url()).getHost()));
        assertThat(compose.services.keySet()).containsAll(hosts);
        assertThat(compose.command("clickhouse-access")).containsExactlyInAnyOrderElementsOf(hosts);
        assertThat(sink.sink().regions().values()).allSatisfy(r -> assertThat(r.user()).isEqualTo("sieve_sink"));
        assertThat(DeployFiles.read(DeployFiles.APPLY_ACCESS)).contains("sieve_sink $sink_hash");
    }

    @Test
    void everyStageTalksToTheComposeBrokerOnItsAdvertisedListener() throws Exception {
        Map<String, Object> kafka = DeployFiles.map(compose.service("kafka").get("environment"));
        assertThat(String.valueOf(kafka.get("KAFKA_ADVERTISED_LISTENERS"))).contains("//kafka:9092");
        for (String service : compose.stageServices().values()) {
            String bootstrap = DeployFiles.properties(compose.deployed(service, secrets, scratch).configFile())
                    .get("kafka.bootstrap.servers");
            assertThat(bootstrap).as(service).isEqualTo("kafka:9092");
        }
        List<String> topics = compose.command("topics");
        assertThat(topics).startsWith("dev.sieve.cli.SieveCli", "topics", "apply");
        assertThat(topics.get(topics.indexOf("--bootstrap-servers") + 1)).isEqualTo("kafka:9092");
        assertThat(compose.deployed("topics", secrets, scratch).hostPath(topics.get(topics.indexOf("--policy") + 1)))
                .exists();
    }
}
