package dev.sieve.sink.write;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals into ClickHouse's IPv6 representation (16 bytes, network order; IPv4 as
 * IPv4-mapped {@code ::ffff:a.b.c.d}). Never resolves names: {@link InetAddress#getByName} is only called for
 * text that can only be an IPv6 literal. Errors never quote the input.
 */
public final class IpAddresses {

    private IpAddresses() {}

    public static byte[] toIpv6(String text) {
        if (text.indexOf(':') < 0) {
            return mapped(ipv4(text));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                throw new IllegalArgumentException("not an IP address");
            }
        }
        try {
            byte[] address = InetAddress.getByName(text).getAddress();
            return address.length == 16 ? address : mapped(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address");
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IP address");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IP address");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("not an IP address");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, out, 12, 4);
        return out;
    }
}
