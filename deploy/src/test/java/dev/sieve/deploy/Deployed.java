package dev.sieve.deploy;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process as a deployment file starts it: the main class and arguments of the Sieve image, the environment it
 * gets, and what is mounted where (each mount's source as a folder on this machine).
 *
 * @param name where it is declared, e.g. {@code compose service enrich}
 */
record Deployed(String name, List<String> command, Map<String, String> env, List<Mount> mounts) {

    /** A container folder and the host folder standing for it. */
    record Mount(String target, Path source) {}

    /** The same process with some variables set or replaced. */
    Deployed withEnv(Map<String, String> more) {
        Map<String, String> env = new java.util.TreeMap<>(this.env);
        env.putAll(more);
        return new Deployed(name, command, env, mounts);
    }

    String mainClass() {
        return command.get(0);
    }

    Optional<Stage> stage() {
        return Stage.ofMainClass(mainClass());
    }

    /** The host file behind a container path; fails when no mount covers it. */
    Path hostPath(String containerPath) {
        return mounts.stream()
                .filter(m -> containerPath.equals(m.target()) || containerPath.startsWith(m.target() + "/"))
                .max(Comparator.comparingInt(m -> m.target().length()))
                .map(m -> containerPath.equals(m.target()) ? m.source()
                        : m.source().resolve(containerPath.substring(m.target().length() + 1)))
                .orElseThrow(() -> new AssertionError(name + ": " + containerPath + " is not under any mount "
                        + mounts.stream().map(Mount::target).toList()));
    }

    /** The configuration file named on the command line, on this machine. */
    Path configFile() {
        Stage stage = stage().orElseThrow();
        int at = stage == Stage.SINK ? command.indexOf("--config") + 1 : 1;
        if (at <= 0 || at >= command.size()) {
            throw new AssertionError(name + ": no configuration file in " + command);
        }
        return hostPath(command.get(at));
    }
}
