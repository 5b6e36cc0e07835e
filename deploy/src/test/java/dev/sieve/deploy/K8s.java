package dev.sieve.deploy;

import static dev.sieve.deploy.DeployFiles.list;
import static dev.sieve.deploy.DeployFiles.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/k8s as the tests read it: the kustomization's resources and generated ConfigMaps, the Secret template,
 * and each workload's container as the process it starts ({@link Deployed}).
 */
final class K8s {

    static final Path KUSTOMIZATION = DeployFiles.K8S.resolve("kustomization.yaml");
    static final Path SECRETS_TEMPLATE = DeployFiles.K8S.resolve("secrets.template.yaml");

    final Map<String, Object> kustomization = DeployFiles.yaml(KUSTOMIZATION);
    /** Every object of the resources, as parsed. */
    final List<Map<String, Object>> objects = new ArrayList<>();
    /** Secret name → its keys, from the template. */
    final Map<String, List<String>> secretTemplate = new LinkedHashMap<>();

    K8s() {
        for (Object r : list(kustomization.get("resources"))) {
            DeployFiles.yamlDocuments(DeployFiles.K8S.resolve(String.valueOf(r))).forEach(d -> objects.add(map(d)));
        }
        for (Object d : DeployFiles.yamlDocuments(SECRETS_TEMPLATE)) {
            Map<String, Object> secret = map(d);
            List<String> keys = new ArrayList<>(map(secret.get("stringData")).keySet());
            keys.addAll(map(secret.get("data")).keySet());
            secretTemplate.put(String.valueOf(map(secret.get("metadata")).get("name")), keys);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    /** A name as Kubernetes gives a pod of the workload (a Deployment's: its ReplicaSet hash and a suffix). */
    static String podName(Map<String, Object> workload) {
        return name(workload) + "-5d8f7c9b6d-x7k2p";
    }

    /** The pod spec of a Deployment or Job. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        return map(list(podSpec(workload).get("containers")).get(0));
    }

    /** A generated ConfigMap: its files (by the key they get, their file name) or literals. */
    Map<String, Object> generator(String name) {
        return list(kustomization.get("configMapGenerator")).stream().map(DeployFiles::map)
                .filter(g -> name.equals(g.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("kustomization.yaml generates no ConfigMap " + name));
    }

    List<Path> generatorFiles(String name) {
        return list(generator(name).get("files")).stream().map(f -> DeployFiles.K8S.resolve(String.valueOf(f))
                .normalize()).toList();
    }

    Map<String, String> generatorLiterals(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        list(generator(name).get("literals")).forEach(l -> {
            String[] kv = String.valueOf(l).split("=", 2);
            out.put(kv[0], kv[1]);
        });
        return out;
    }

    List<String> secretKeys(String secret) {
        List<String> keys = secretTemplate.get(secret);
        if (keys == null) {
            throw new AssertionError("secrets.template.yaml has no Secret " + secret + " (has "
                    + secretTemplate.keySet() + ")");
        }
        return keys;
    }

    /**
     * The workload's container as a process: its args, the environment it gets (ConfigMap literals, Secret keys
     * with {@code secrets}' stand-in values), its mounts as folders under {@code scratch}.
     */
    Deployed deployed(Map<String, Object> workload, Secrets secrets, Path scratch) {
        Map<String, Object> c = container(workload);
        Map<String, String> env = new LinkedHashMap<>();
        for (Object from : list(c.get("envFrom"))) {
            Map<String, Object> f = map(from);
            if (f.containsKey("configMapRef")) {
                env.putAll(generatorLiterals(String.valueOf(map(f.get("configMapRef")).get("name"))));
            } else {
                secretKeys(String.valueOf(map(f.get("secretRef")).get("name"))).forEach(k -> env.put(k, secrets.value(k)));
            }
        }
        for (Object e : list(c.get("env"))) {
            Map<String, Object> var = map(e);
            String name = String.valueOf(var.get("name"));
            if (var.containsKey("value")) {
                env.put(name, String.valueOf(var.get("value")));
            } else if (map(var.get("valueFrom")).containsKey("fieldRef")) {
                Object field = map(map(var.get("valueFrom")).get("fieldRef")).get("fieldPath");
                if (!"metadata.name".equals(field)) {
                    throw new AssertionError(name(workload) + ": " + name + " refers to pod field " + field
                            + "; only metadata.name is stood in for");
                }
                env.put(name, podName(workload));
            } else {
                Map<String, Object> ref = map(map(var.get("valueFrom")).get("secretKeyRef"));
                String secret = String.valueOf(ref.get("name"));
                String key = String.valueOf(ref.get("key"));
                if (!secretKeys(secret).contains(key)) {
                    throw new AssertionError(name(workload) + ": " + name + " refers to key " + key
                            + " that Secret " + secret + " of the template does not have");
                }
                env.put(name, secrets.value(key));
            }
        }
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        list(podSpec(workload).get("volumes")).forEach(v -> volumes.put(String.valueOf(map(v).get("name")), map(v)));
        List<Deployed.Mount> mounts = new ArrayList<>();
        for (Object m : list(c.get("volumeMounts"))) {
            String volumeName = String.valueOf(map(m).get("name"));
            Map<String, Object> volume = volumes.get(volumeName);
            if (volume == null) {
                throw new AssertionError(name(workload) + " mounts volume " + volumeName + ", which it does not declare");
            }
            Path dir = scratch.resolve(name(workload) + "-" + volumeName);
            try {
                Files.createDirectories(dir);
                if (volume.containsKey("configMap")) {
                    for (Path f : generatorFiles(String.valueOf(map(volume.get("configMap")).get("name")))) {
                        Files.copy(f, dir.resolve(f.getFileName().toString()));
                    }
                } else if (volume.containsKey("secret")) {
                    for (String key : secretKeys(String.valueOf(map(volume.get("secret")).get("secretName")))) {
                        Files.writeString(dir.resolve(key), "stands for the Secret's " + key);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mounts.add(new Deployed.Mount(String.valueOf(map(m).get("mountPath")), dir));
        }
        List<String> command = new ArrayList<>();
        list(c.get("command")).forEach(a -> command.add(String.valueOf(a)));
        list(c.get("args")).forEach(a -> command.add(String.valueOf(a)));
        return new Deployed("Kubernetes " + workload.get("kind") + " " + name(workload), command, env, mounts);
    }
}
