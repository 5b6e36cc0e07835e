package dev.sieve.anonymize.action;

import dev.sieve.schemas.ip.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * {@code truncate_ip}: keeps the network part of an address and zeroes the rest. IPv4-mapped IPv6 addresses
 * are truncated as the IPv4 address they carry. Text that is not an address yields null: a value that cannot
 * be truncated must not pass through.
 */
public final class TruncateIp {

    private TruncateIp() {}

    public static String apply(String ip, int ipv4Prefix, int ipv6Prefix) {
        Optional<InetAddress> parsed = IpLiteral.parse(ip);
        if (parsed.isEmpty()) {
            return null;
        }
        InetAddress address = parsed.get();
        byte[] bytes = address.getAddress();
        int keep = address instanceof Inet4Address ? ipv4Prefix : ipv6Prefix;
        for (int i = 0; i < bytes.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, keep - i * 8));
            bytes[i] &= (byte) (0xff << (8 - bitsInByte));
        }
        try {
            return IpLiteral.format(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }
}
