package dev.sieve.schemas;

import dev.sieve.schemas.inventory.InventoryRenderer;
import dev.sieve.schemas.policy.Durations;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyDiff;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sieve policy validate|render|topics [policy.yaml] [--out FILE]}: check a policy file, render its
 * processing inventory, list the topics it implies. Without a file it works on the bundled default policy.
 * {@code sieve policy diff [OLD.yaml] NEW.yaml}: what changing to NEW would change (OLD defaults to the bundled
 * policy). Exit codes: 0 done, 1 a policy has problems, 2 bad usage or unreadable file.
 */
public final class PolicyTool {

    static final String USAGE = "usage: sieve policy validate|render|topics [POLICY.yaml] [--out FILE]\n"
            + "       sieve policy diff [OLD.yaml] NEW.yaml";

    private PolicyTool() {}

    private static Policy load(Path file) throws PolicyException, IOException {
        return file == null ? PolicyLoader.loadDefault() : PolicyLoader.load(file);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        Path outFile = null;
        int outAt = rest.indexOf("--out");
        if (outAt >= 0) {
            if (outAt + 1 >= rest.size()) {
                err.println("--out needs a file name\n" + USAGE);
                return 2;
            }
            outFile = Path.of(rest.remove(outAt + 1));
            rest.remove(outAt);
        }
        boolean diff = !rest.isEmpty() && rest.get(0).equals("diff");
        if (rest.isEmpty() || rest.size() > 3 || (!diff && rest.size() > 2) || (diff && rest.size() < 2)) {
            err.println(USAGE);
            return 2;
        }
        String command = rest.get(0);
        Path file = rest.size() >= 2 ? Path.of(rest.get(rest.size() - 1)) : null;
        String sourceName = file == null ? "sieve-policy.yaml" : file.getFileName().toString();
        Policy policy;
        Policy before = null;
        try {
            policy = load(file);
            if (diff) {
                before = load(rest.size() == 3 ? Path.of(rest.get(1)) : null);
            }
        } catch (PolicyException e) {
            err.println(e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("no such policy file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("cannot read policy file: " + e.getMessage());
            return 2;
        }
        String text;
        switch (command) {
            case "diff" -> {
                List<String> changes = PolicyDiff.between(before, policy);
                text = changes.isEmpty() ? "no changes\n" : String.join("\n", changes) + "\n";
            }
            case "validate" -> {
                int tables = policy.purposes().values().stream().mapToInt(p -> p.families().size()).sum();
                text = sourceName + ": policy version " + policy.version() + " is valid: " + policy.purposes().size()
                        + " purposes, " + tables + " tables, " + policy.regions().size() + " regions\n";
            }
            case "render" -> text = InventoryRenderer.render(policy, sourceName);
            case "topics" -> {
                StringBuilder sb = new StringBuilder();
                for (TopicSpec<?, ?> t : new Topics(policy).all()) {
                    sb.append(t.name()).append('\t')
                            .append(t.compacted() ? "compacted" : Durations.format(t.retention().orElseThrow()))
                            .append('\n');
                }
                text = sb.toString();
            }
            default -> {
                err.println("unknown command '" + command + "'\n" + USAGE);
                return 2;
            }
        }
        if (outFile == null) {
            out.print(text);
            return 0;
        }
        try {
            Files.writeString(outFile, text, StandardCharsets.UTF_8);
            out.println("wrote " + outFile);
            return 0;
        } catch (IOException e) {
            err.println("cannot write " + outFile + ": " + e.getMessage());
            return 2;
        }
    }
}
