package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.FieldKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one purpose does with one field. Options only matter for the action that reads them; the loader
 * rejects options an action does not take.
 *
 * @param field       field name in the family's contract
 * @param action      the action
 * @param ipv4Prefix  {@code truncate_ip}: bits of an IPv4 address kept
 * @param ipv6Prefix  {@code truncate_ip}: bits of an IPv6 address kept
 * @param granularity {@code generalize} of a timestamp or version: the coarser unit
 * @param bucket      {@code generalize} of a number: bucket width
 * @param allowParams {@code scrub_url}: query parameters kept (all others are removed)
 * @param rotate      {@code pseudonymize}: when present, the key is a random per-period salt that is destroyed
 *                    after its period instead of the purpose's long-lived key
 */
public record FieldRule(
        String field,
        Action action,
        int ipv4Prefix,
        int ipv6Prefix,
        Optional<Granularity> granularity,
        OptionalLong bucket,
        List<String> allowParams,
        Optional<Rotation> rotate) {

    public static final int DEFAULT_IPV4_PREFIX = 24;
    public static final int DEFAULT_IPV6_PREFIX = 48;

    public FieldRule {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(bucket, "bucket");
        allowParams = List.copyOf(allowParams);
        Objects.requireNonNull(rotate, "rotate");
    }

    /** A rule with the action's defaults. */
    public static FieldRule of(String field, Action action) {
        return new FieldRule(field, action, DEFAULT_IPV4_PREFIX, DEFAULT_IPV6_PREFIX, Optional.empty(),
                OptionalLong.empty(), List.of(), Optional.empty());
    }

    /** The rule in the inventory's words, e.g. {@code truncated to /24 (IPv4), /48 (IPv6)}. */
    public String describe() {
        return switch (action) {
            case KEEP -> "kept as collected";
            case DROP -> "dropped";
            case PSEUDONYMIZE -> rotate.map(r -> "pseudonymized with a random key of this purpose that is replaced"
                            + " every " + r.id() + " (UTC) and then destroyed")
                    .orElse("pseudonymized with this purpose's own key");
            case TRUNCATE_IP -> "truncated to /" + ipv4Prefix + " (IPv4), /" + ipv6Prefix + " (IPv6)";
            case GENERALIZE -> granularity.map(g -> "generalized to the " + g.id()
                            + (g.kind() == FieldKind.VERSION ? " version" : ""))
                    .orElseGet(() -> "generalized to buckets of " + bucket.orElseThrow());
            case SCRUB_URL -> allowParams.isEmpty()
                    ? "scrubbed URL (no credentials, query or fragment; identifying path segments replaced)"
                    : "scrubbed URL (no credentials or fragment; identifying path segments replaced; query keeps only "
                            + String.join(", ", allowParams) + ", their values scrubbed as text)";
            case SCRUB_TEXT -> "scrubbed text (e-mail addresses, phone, card, IBAN, identity and IMEI numbers, IP and"
                    + " MAC addresses, credentials, tokens, account handles and the event's own identifiers removed)";
        };
    }
}
