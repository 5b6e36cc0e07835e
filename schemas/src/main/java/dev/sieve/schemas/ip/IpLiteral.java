package dev.sieve.schemas.ip;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals, and only literals: text that is not an address is refused before the JDK can
 * treat it as a host name and send it to DNS (which would leak it). IPv4-mapped IPv6 addresses
 * ({@code ::ffff:192.0.2.1}) come back as the IPv4 address they carry; IPv6 zone ids are ignored. The one IP
 * parser of every stage: enrich normalizes and locates with it, anonymize truncates with it, the sink encodes
 * ClickHouse's {@code IPv6} columns with it.
 */
public final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {}

    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !(s.contains(":") && IPV6_CHARS.matcher(s).matches())) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(s); // a literal by now: no lookup happens
            if (address instanceof Inet6Address && isIpv4Mapped(address.getAddress())) {
                byte[] b = address.getAddress();
                return Optional.of(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            }
            return Optional.of(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * ClickHouse's {@code IPv6} representation of an address literal: 16 bytes in network order, IPv4 as
     * IPv4-mapped {@code ::ffff:a.b.c.d}.
     *
     * @throws IllegalArgumentException if {@code text} is not an address literal; the message never quotes it
     */
    public static byte[] toIpv6Bytes(String text) {
        byte[] address = parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address"))
                .getAddress();
        if (address.length == 16) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address, 0, mapped, 12, 4);
        return mapped;
    }

    /** Canonical text: dotted quad for IPv4, RFC 5952 compressed lower-case form for IPv6. */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
