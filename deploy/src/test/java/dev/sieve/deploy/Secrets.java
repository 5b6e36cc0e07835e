package dev.sieve.deploy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stand-ins for the secrets an operator fills in (deploy/.env, the Kubernetes Secrets): fresh random values in the
 * form each one needs, so the stages' loaders judge the deployment files as they would in production.
 * Pseudonymization keys ({@code SIEVE_KEY__*}) get {@code <key id>,<valid from>,<base64 of 32 bytes>}; every
 * other secret a 32-character random string (API keys and passwords must have at least 16).
 */
final class Secrets {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> values = new LinkedHashMap<>();

    /** The same value for the same name within one instance. */
    synchronized String value(String name) {
        return values.computeIfAbsent(name, n -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return n.startsWith("SIEVE_KEY__") ? "k1,2020-01-01T00:00:00Z," + Base64.getEncoder().encodeToString(bytes)
                    : HexFormat.of().formatHex(bytes, 0, 16);
        });
    }

    /** Every value handed out so far, to check that none shows up where it must not. */
    synchronized Map<String, String> all() {
        return Map.copyOf(values);
    }
}
