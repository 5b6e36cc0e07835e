package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import java.util.Optional;
import java.util.Set;

/**
 * {@code truncate_ip}: keep the network prefix only, IPv4 /24 and IPv6 /48 unless the rule says otherwise.
 *
 * @param ipv4Prefix bits of an IPv4 address kept, 0 to 32 ({@code ipv4_prefix})
 * @param ipv6Prefix bits of an IPv6 address kept, 0 to 128 ({@code ipv6_prefix})
 */
public record TruncateIpAction(int ipv4Prefix, int ipv6Prefix) implements FieldAction {

    public static final int DEFAULT_IPV4_PREFIX = 24;
    public static final int DEFAULT_IPV6_PREFIX = 48;
    private static final String IPV4_PREFIX = "ipv4_prefix";
    private static final String IPV6_PREFIX = "ipv6_prefix";

    public static final ActionType<TruncateIpAction> TYPE = new ActionType<>("truncate_ip", StoredForm.COARSENED,
            Set.of(FieldKind.IP_ADDRESS), kind -> Set.of(IPV4_PREFIX, IPV6_PREFIX), TruncateIpAction::read);

    public TruncateIpAction {
        if (ipv4Prefix < 0 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("ipv4Prefix must be between 0 and 32");
        }
        if (ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix must be between 0 and 128");
        }
    }

    @Override
    public ActionType<TruncateIpAction> type() {
        return TYPE;
    }

    @Override
    public Optional<StoredValue> output(ContractField source) {
        return Optional.of(StoredValue.text(FieldKind.IP_ADDRESS));
    }

    @Override
    public String describe() {
        return "truncated to /" + ipv4Prefix + " (IPv4), /" + ipv6Prefix + " (IPv6)";
    }

    private static Optional<TruncateIpAction> read(ActionOptions options) {
        Optional<Integer> v4 = prefix(options, IPV4_PREFIX, 32, DEFAULT_IPV4_PREFIX);
        Optional<Integer> v6 = prefix(options, IPV6_PREFIX, 128, DEFAULT_IPV6_PREFIX);
        return v4.isPresent() && v6.isPresent() ? Optional.of(new TruncateIpAction(v4.get(), v6.get()))
                : Optional.empty();
    }

    /** The prefix length the rule writes, or the default when it writes none. */
    private static Optional<Integer> prefix(ActionOptions options, String key, int max, int otherwise) {
        if (!options.has(key)) {
            return Optional.of(otherwise);
        }
        return options.wholeNumber(key).filter(bits -> {
            if (bits < 0 || bits > max) {
                options.reject(key, "prefix length must be between 0 and " + max);
                return false;
            }
            return true;
        });
    }
}
