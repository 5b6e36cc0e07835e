package dev.sieve.deploy;

import static dev.sieve.deploy.DeployFiles.DEPLOY;
import static dev.sieve.deploy.DeployFiles.REPO;
import static dev.sieve.deploy.DeployFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The image build against the reactor it builds: Maven reads every module the root pom lists before it builds
 * any, so a module missing from the build context fails {@code docker build} (it did, once the pom had modules
 * the file did not copy), and every main class the deployments run must be in the image.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = DEPLOY.resolve("Dockerfile");
    private static final Path DOCKERIGNORE = DEPLOY.resolve("Dockerfile.dockerignore");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY (?!--from)(\\S+) (\\S+)$");
    private static final Pattern BUILT = Pattern.compile("mvn [^\\n]*-pl ([a-z,-]+) -am");
    private static final Pattern PACKED = Pattern.compile("for m in ([a-z -]+); do");
    private static final Pattern MAIN_CLASS = Pattern.compile("\"(dev\\.sieve\\.[a-z]+\\.[A-Z][A-Za-z]+)\"");

    @Test
    void everyModuleOfTheRootPomIsInTheBuildStage() {
        List<String> copied = matches(COPY, read(DOCKERFILE));
        List<PathMatcher> ignored = read(DOCKERIGNORE).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();

        for (String module : rootModules()) {
            assertThat(copied).as("COPY of the whole context or of module %s", module).containsAnyOf(".", module);
            assertThat(ignored).as("%s is left out of the build context by Dockerfile.dockerignore", module)
                    .noneMatch(m -> m.matches(Path.of(module)));
        }
    }

    @Test
    void theImageHoldsEveryModuleItBuildsAndEveryMainClassTheDeploymentsRun() {
        String dockerfile = read(DOCKERFILE);
        Set<String> built = new TreeSet<>(List.of(single(BUILT, dockerfile).split(",")));
        Set<String> packed = new TreeSet<>(List.of(single(PACKED, dockerfile).split(" ")));

        assertThat(packed).isEqualTo(built);
        assertThat(rootModules()).containsAll(built);
        Set<String> run = new TreeSet<>();
        for (Path file : DeployFiles.yamlFiles()) {
            matches(MAIN_CLASS, read(file)).forEach(c -> run.add(moduleOf(c)));
        }
        assertThat(run).isNotEmpty();
        assertThat(built).containsAll(run);
    }

    private static Set<String> rootModules() {
        return new TreeSet<>(matches(MODULE, read(REPO.resolve("pom.xml"))));
    }

    /** The module whose main sources hold {@code className}. */
    private static String moduleOf(String className) {
        String source = "src/main/java/" + className.replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(REPO)) {
            return modules.filter(m -> Files.isRegularFile(m.resolve(source))).map(m -> m.getFileName().toString())
                    .findFirst().orElseThrow(() -> new AssertionError("no module holds " + source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String single(Pattern pattern, String text) {
        List<String> found = matches(pattern, text);
        assertThat(found).as(pattern.pattern()).hasSize(1);
        return found.get(0);
    }

    /** The first group of every match. */
    private static List<String> matches(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(r -> r.group(1)).toList();
    }
}
