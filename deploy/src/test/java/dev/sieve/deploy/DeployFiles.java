package dev.sieve.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Where the deployment files are, and how they are read: YAML (merge keys resolved) and properties. */
final class DeployFiles {

    /** The module folder, {@code deploy/}: the tests' working directory. */
    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path REPO = DEPLOY.getParent();
    static final Path COMPOSE = DEPLOY.resolve("compose.yaml");
    static final Path ENV_EXAMPLE = DEPLOY.resolve(".env.example");
    static final Path PROMETHEUS = DEPLOY.resolve("prometheus/prometheus.yml");
    static final Path ALERTS = DEPLOY.resolve("prometheus/alerts.yml");
    static final Path DASHBOARD = DEPLOY.resolve("grafana/sieve-dashboard.json");
    static final Path ROLES_SQL = DEPLOY.resolve("clickhouse/roles.sql");
    static final Path APPLY_ACCESS = DEPLOY.resolve("clickhouse/apply-access.sh");
    static final Path K8S = DEPLOY.resolve("k8s");
    static final Path BUNDLED_POLICY = REPO.resolve("schemas/src/main/resources/policy/sieve-policy.yaml");

    private DeployFiles() {}

    /** The one document of a YAML file, as maps, lists and scalars. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        List<Object> docs = yamlDocuments(file);
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            throw new AssertionError(file + ": expected one YAML mapping, found " + docs.size() + " documents");
        }
        return (Map<String, Object>) docs.get(0);
    }

    /** Every document of a YAML file (Kubernetes manifests hold several). */
    static List<Object> yamlDocuments(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Object> docs = new ArrayList<>();
            yaml.loadAll(r).forEach(d -> {
                if (d != null) {
                    docs.add(d);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A properties file as written, before {@code ${NAME}} references are resolved. */
    static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** Every YAML file of the deployment, {@code target/} left out. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(f -> !f.startsWith(DEPLOY.resolve("target")))
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
