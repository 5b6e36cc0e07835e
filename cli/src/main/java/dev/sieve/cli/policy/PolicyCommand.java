package dev.sieve.cli.policy;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.PolicyFiles;
import dev.sieve.schemas.inventory.InventoryRenderer;
import dev.sieve.schemas.policy.Durations;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyDiff;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sieve policy validate|render|topics|diff}: check a policy file, render its processing inventory, list the
 * topics it implies, show what changing to another policy would change. Without a file they work on the bundled
 * policy. A broken policy exits 1 with every problem listed.
 */
@Command(name = "policy", description = "Check, render and compare privacy policies.",
        subcommands = {PolicyCommand.Validate.class, PolicyCommand.Render.class, PolicyCommand.ListTopics.class,
                PolicyCommand.Diff.class})
public final class PolicyCommand {

    /** The policy file parameter and the {@code --out} option the printing commands share. */
    abstract static class Printing implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        abstract String text();

        @Override
        public Integer call() {
            String text = text();
            if (out == null) {
                spec.commandLine().getOut().print(text);
                return 0;
            }
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliFailure.usage("cannot write " + out + ": " + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote " + out);
            return 0;
        }
    }

    /** The commands that read one policy file, or the bundled policy without one. */
    abstract static class OnePolicy extends Printing {
        @Parameters(arity = "0..1", paramLabel = "POLICY", description = "Policy file (default: the bundled one).")
        Path file;
    }

    @Command(name = "validate", description = "Exit 0 when the policy is valid, 1 with every problem listed.")
    static final class Validate extends OnePolicy {
        @Override
        String text() {
            Policy policy = PolicyFiles.load(file);
            int tables = policy.purposes().values().stream().mapToInt(p -> p.families().size()).sum();
            return sourceName(file) + ": policy version " + policy.version() + " is valid: "
                    + policy.purposes().size() + " purposes, " + tables + " tables, " + policy.regions().size()
                    + " regions\n";
        }
    }

    @Command(name = "render", description = "The processing inventory (what, why, how, how long) in Markdown.")
    static final class Render extends OnePolicy {
        @Override
        String text() {
            return InventoryRenderer.render(PolicyFiles.load(file), sourceName(file));
        }
    }

    @Command(name = "topics", description = "Every topic the policy implies, with its retention.")
    static final class ListTopics extends OnePolicy {
        @Override
        String text() {
            StringBuilder sb = new StringBuilder();
            for (TopicSpec<?, ?> t : new Topics(PolicyFiles.load(file)).all()) {
                sb.append(t.name()).append('\t')
                        .append(t.compacted() ? "compacted" : Durations.format(t.retention().orElseThrow()))
                        .append('\n');
            }
            return sb.toString();
        }
    }

    @Command(name = "diff", description = "What changing from OLD (default: the bundled policy) to NEW would change:"
            + " purposes, consent, identifier forms, tables, columns, retention, regions.")
    static final class Diff extends Printing {
        @Parameters(arity = "1..2", paramLabel = "POLICY", description = "[OLD] NEW")
        List<Path> files;

        @Override
        String text() {
            Policy before = PolicyFiles.load(files.size() == 2 ? files.get(0) : null);
            Policy after = PolicyFiles.load(files.get(files.size() - 1));
            List<String> changes = PolicyDiff.between(before, after);
            return changes.isEmpty() ? "no changes\n" : String.join("\n", changes) + "\n";
        }
    }

    private static String sourceName(Path file) {
        return file == null ? "sieve-policy.yaml" : file.getFileName().toString();
    }
}
