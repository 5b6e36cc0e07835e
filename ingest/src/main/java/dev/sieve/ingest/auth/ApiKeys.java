package dev.sieve.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the app an API key belongs to. The comparison takes the same time whichever key matches, or none:
 * keys are compared as SHA-256 digests (equal length whatever the key) with {@link MessageDigest#isEqual},
 * against every configured key without stopping at a match, so response times tell an attacker nothing about
 * how close a guess was. The keys themselves are not kept.
 */
public final class ApiKeys {

    /** The scheme clients put before the key in the {@code Authorization} header. */
    public static final String BEARER_PREFIX = "Bearer ";

    private final Map<String, byte[]> digestByApp = new LinkedHashMap<>();
    private final Predicate<String> revoked;

    /**
     * @param keyByApp each app's key, by app id
     */
    public ApiKeys(Map<String, String> keyByApp) {
        this(keyByApp, app -> false);
    }

    /**
     * @param keyByApp each app's key, by app id
     * @param revoked  whether an app's keys are revoked (it was sunset): its key is then no app's
     */
    public ApiKeys(Map<String, String> keyByApp, Predicate<String> revoked) {
        keyByApp.forEach((app, key) -> digestByApp.put(app, digest(key)));
        this.revoked = revoked;
    }

    /** The app whose key this is; empty for an unknown key or a revoked app's. */
    public Optional<String> appFor(String presentedKey) {
        byte[] presented = digest(presentedKey);
        String match = null;
        for (Map.Entry<String, byte[]> e : digestByApp.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getValue())) {
                match = e.getKey();
            }
        }
        return Optional.ofNullable(match).filter(revoked.negate());
    }

    /**
     * The app for an {@code Authorization} header value.
     *
     * @return empty when the header is missing, not {@code Bearer <key>}, or names an unknown key
     */
    public Optional<String> appForAuthorization(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Optional.empty();
        }
        return appFor(header.substring(BEARER_PREFIX.length()).trim());
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
