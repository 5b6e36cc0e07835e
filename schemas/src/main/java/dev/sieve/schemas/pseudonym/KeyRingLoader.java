package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Loads the pseudonymization keys of every purpose that pseudonymizes, from files and the environment, and
 * reports every problem at once. Messages name files and variables, never secrets.
 *
 * <p>Files: {@code <dir>/<purpose>/<key id>.key}, each a properties file with {@code valid_from} (ISO-8601
 * instant) and {@code secret} (base64, at least 32 bytes). Kubernetes can mount a Secret in this layout.
 *
 * <p>Environment: {@code SIEVE_KEY__<PURPOSE>__<anything>=<key id>,<valid_from>,<base64 secret>}, the purpose
 * upper-cased, e.g. {@code SIEVE_KEY__ANALYTICS__1=2026-11,2026-11-01T00:00:00Z,q83v...}.
 *
 * <p>The erasure list's key ({@link ErasureListKey}) comes from the same places under the reserved name
 * {@value ErasureListKey#NAME}: {@code <dir>/_erasure/<key id>.key} or {@code SIEVE_KEY___ERASURE__1}; exactly one.
 */
public final class KeyRingLoader {

    public static final String ENV_PREFIX = "SIEVE_KEY__";
    private static final String SUFFIX = ".key";

    private KeyRingLoader() {}

    /**
     * @param policy which purposes need keys: those with a {@code pseudonymize} rule
     * @param dir    key directory, or null for none
     * @param env    environment variables (pass {@code System.getenv()})
     * @return a ring for each purpose that needs one
     * @throws KeyException listing every problem
     */
    public static Map<String, KeyRing> load(Policy policy, Path dir, Map<String, String> env) throws KeyException {
        List<String> problems = new ArrayList<>();
        Map<String, List<PseudonymKey>> byPurpose = new TreeMap<>();
        if (dir != null) {
            fromFiles(policy, dir, byPurpose, problems);
        }
        fromEnvironment(policy, env, byPurpose, problems);
        Map<String, KeyRing> rings = new LinkedHashMap<>();
        for (Purpose p : policy.purposes().values()) {
            if (!pseudonymizes(p)) {
                continue;
            }
            List<PseudonymKey> keys = byPurpose.getOrDefault(p.id(), List.of());
            if (keys.isEmpty()) {
                problems.add("purpose " + p.id() + " pseudonymizes but has no key: add " + (dir == null
                        ? "<dir>" : dir.toString()) + "/" + p.id() + "/<key id>" + SUFFIX + " or " + ENV_PREFIX
                        + p.id().toUpperCase(Locale.ROOT) + "__1");
                continue;
            }
            try {
                rings.put(p.id(), KeyRing.of(p.id(), keys));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new KeyException(problems);
        }
        return rings;
    }

    /**
     * The erasure list's key, from {@code <dir>/_erasure/<key id>.key} or {@code SIEVE_KEY___ERASURE__<n>}.
     *
     * @throws KeyException if there is none, more than one, or it is malformed
     */
    public static ErasureListKey erasureListKey(Path dir, Map<String, String> env) throws KeyException {
        List<String> problems = new ArrayList<>();
        List<PseudonymKey> keys = new ArrayList<>();
        Path keyDir = dir == null ? null : dir.resolve(ErasureListKey.NAME);
        if (keyDir != null && Files.isDirectory(keyDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(keyDir, "*" + SUFFIX)) {
                for (Path file : files) {
                    fromFile(file).collect(ErasureListKey.NAME, keys, problems);
                }
            } catch (IOException e) {
                problems.add("cannot read key directory " + keyDir + ": " + e.getMessage());
            }
        }
        String envPrefix = ENV_PREFIX + ErasureListKey.NAME.toUpperCase(Locale.ROOT) + "__";
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(envPrefix)) {
                continue;
            }
            String[] parts = e.getValue().split(",", -1);
            if (parts.length != 3) {
                problems.add(e.getKey() + ": expected <key id>,<valid_from>,<base64 secret>");
                continue;
            }
            parse(e.getKey(), parts[0].trim(), parts[1].trim(), parts[2].trim()).collect(ErasureListKey.NAME, keys,
                    problems);
        }
        if (problems.isEmpty() && keys.size() != 1) {
            problems.add(keys.isEmpty()
                    ? "the erasure list has no key: add " + (dir == null ? "<dir>" : dir.toString()) + "/"
                            + ErasureListKey.NAME + "/<key id>" + SUFFIX + " or " + envPrefix + "1"
                    : "the erasure list has " + keys.size() + " keys, needs exactly one: it never rotates, a new key"
                            + " would orphan every entry");
        }
        if (!problems.isEmpty()) {
            throw new KeyException(problems);
        }
        return new ErasureListKey(keys.get(0));
    }

    /** Whether any of the purpose's rules pseudonymizes. */
    public static boolean pseudonymizes(Purpose purpose) {
        return purpose.families().values().stream().flatMap(f -> f.fields().values().stream())
                .anyMatch(r -> r.action() instanceof PseudonymizeAction);
    }

    private static void fromFiles(Policy policy, Path dir, Map<String, List<PseudonymKey>> out, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add("key directory " + dir + " does not exist");
            return;
        }
        try (DirectoryStream<Path> purposes = Files.newDirectoryStream(dir)) {
            for (Path purposeDir : purposes) {
                String purpose = purposeDir.getFileName().toString();
                if (!Files.isDirectory(purposeDir) || purpose.equals(ErasureListKey.NAME)) {
                    continue;
                }
                if (policy.purpose(purpose).isEmpty()) {
                    problems.add(purposeDir + ": no purpose '" + purpose + "' in the policy");
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(purposeDir, "*" + SUFFIX)) {
                    for (Path file : files) {
                        fromFile(file).collect(purpose, out, problems);
                    }
                }
            }
        } catch (IOException e) {
            problems.add("cannot read key directory " + dir + ": " + e.getMessage());
        }
    }

    private static Result fromFile(Path file) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            return Result.problem(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), id, props.getProperty("valid_from"), props.getProperty("secret"));
    }

    private static void fromEnvironment(Policy policy, Map<String, String> env, Map<String, List<PseudonymKey>> out,
            List<String> problems) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String[] name = e.getKey().substring(ENV_PREFIX.length()).split("__", -1);
            String purpose = name[0].toLowerCase(Locale.ROOT);
            if (purpose.equals(ErasureListKey.NAME)) {
                continue;
            }
            if (name.length != 2 || policy.purpose(purpose).isEmpty()) {
                problems.add(e.getKey() + ": expected " + ENV_PREFIX + "<PURPOSE>__<n> naming a purpose of the policy");
                continue;
            }
            String[] parts = e.getValue().split(",", -1);
            if (parts.length != 3) {
                problems.add(e.getKey() + ": expected <key id>,<valid_from>,<base64 secret>");
                continue;
            }
            parse(e.getKey(), parts[0].trim(), parts[1].trim(), parts[2].trim()).collect(purpose, out, problems);
        }
    }

    private static Result parse(String where, String id, String validFrom, String secret) {
        if (validFrom == null || secret == null) {
            return Result.problem(where + ": needs valid_from and secret");
        }
        Instant from;
        try {
            from = Instant.parse(validFrom.trim());
        } catch (DateTimeParseException e) {
            return Result.problem(where + ": valid_from '" + validFrom.trim() + "' is not an ISO-8601 instant");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            return Result.problem(where + ": secret is not base64");
        }
        try {
            return Result.of(new PseudonymKey(id, from, bytes));
        } catch (IllegalArgumentException e) {
            return Result.problem(where + ": " + e.getMessage());
        }
    }

    /** A key or the reason there is none. */
    private record Result(PseudonymKey key, String problem) {
        static Result of(PseudonymKey key) {
            return new Result(key, null);
        }

        static Result problem(String problem) {
            return new Result(null, problem);
        }

        void collect(String purpose, Map<String, List<PseudonymKey>> keys, List<String> problems) {
            collect(purpose, keys.computeIfAbsent(purpose, p -> new ArrayList<>()), problems);
        }

        void collect(String purpose, List<PseudonymKey> keys, List<String> problems) {
            if (key != null) {
                keys.add(key);
            } else {
                problems.add(problem);
            }
        }
    }
}
