package dev.sieve.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/compose.yaml as the tests read it: services, their environment, volumes and commands. */
final class Compose {

    /** {@code ${NAME}}, {@code ${NAME:?message}}, {@code ${NAME-default}} and the like (compose interpolation). */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    final Map<String, Object> file;
    final Map<String, Object> services;

    Compose() {
        this.file = DeployFiles.yaml(DeployFiles.COMPOSE);
        this.services = DeployFiles.map(file.get("services"));
    }

    Map<String, Object> service(String name) {
        if (!services.containsKey(name)) {
            throw new AssertionError("compose.yaml has no service " + name + " (has " + services.keySet() + ")");
        }
        return DeployFiles.map(services.get(name));
    }

    /** Every variable the file's values refer to (comments are not values), in order of appearance. */
    Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        collectVariables(file, names);
        return names;
    }

    private static void collectVariables(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectVariables(v, names));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectVariables(v, names));
        } else if (node != null) {
            Matcher m = VARIABLE.matcher(String.valueOf(node));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
    }

    /** The service's environment, each {@code ${NAME}} replaced by {@code variables}' value for it. */
    Map<String, String> environment(String service, Function<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>();
        DeployFiles.map(service(service).get("environment"))
                .forEach((k, v) -> env.put(k, interpolate(String.valueOf(v), variables)));
        return env;
    }

    static String interpolate(String value, Function<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    List<String> command(String service) {
        return (List<String>) (List<?>) DeployFiles.list(service(service).get("command"));
    }

    /**
     * The service's volumes: bind mounts as the host paths they name, named volumes as fresh folders under
     * {@code scratch} (what an empty volume is).
     */
    List<Deployed.Mount> mounts(String service, Path scratch) {
        List<Deployed.Mount> mounts = new ArrayList<>();
        for (Object v : DeployFiles.list(service(service).get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            Path source;
            if (parts[0].startsWith(".")) {
                source = DeployFiles.DEPLOY.resolve(parts[0]).normalize();
            } else {
                source = scratch.resolve(service + "-" + parts[0]);
                try {
                    Files.createDirectories(source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            mounts.add(new Deployed.Mount(parts[1], source));
        }
        return mounts;
    }

    /** The Sieve service as it would start, secrets from {@code secrets}. */
    Deployed deployed(String service, Secrets secrets, Path scratch) {
        return new Deployed("compose service " + service, command(service), environment(service, secrets::value),
                mounts(service, scratch));
    }

    /** Services running the Sieve image, by the stage their command runs. */
    Map<Stage, String> stageServices() {
        Map<Stage, String> out = new LinkedHashMap<>();
        services.keySet().forEach(name -> {
            List<String> command = command(name);
            if (!command.isEmpty()) {
                Stage.ofMainClass(command.get(0)).ifPresent(s -> out.put(s, name));
            }
        });
        return out;
    }
}
