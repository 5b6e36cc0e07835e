package dev.sieve.enrich.geo;

import dev.sieve.schemas.ip.IpLiteral;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Geography from a small table of CIDR ranges ({@code cidr,country,subdivision} per line, {@code #} comments),
 * for tests and for operators without a MaxMind database. The most specific matching range wins.
 */
public final class RangeTableGeo implements GeoLookup {

    /** The table bundled for tests and demos: documentation and test ranges only. */
    public static final String BUNDLED = "/dev/sieve/enrich/geo/ranges.csv";

    private record Range(BigInteger network, int bits, int length, GeoLocation location) {
        boolean contains(BigInteger address, int addressLength) {
            return addressLength == length && address.shiftRight(length * 8 - bits)
                    .equals(network.shiftRight(length * 8 - bits));
        }
    }

    private final List<Range> ranges;

    private RangeTableGeo(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static RangeTableGeo bundled() {
        try (InputStream in = RangeTableGeo.class.getResourceAsStream(BUNDLED)) {
            return read(in, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException naming the line of the first malformed entry */
    public static RangeTableGeo read(InputStream in, String source) throws IOException {
        List<Range> ranges = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] cols = l.split(",", -1);
            String[] cidr = cols[0].split("/", -1);
            Optional<InetAddress> network = IpLiteral.parse(cidr[0]);
            if (cols.length != 3 || cidr.length != 2 || network.isEmpty()) {
                throw new IllegalArgumentException(source + ":" + n + ": expected cidr,country,subdivision");
            }
            int length = network.get().getAddress().length;
            int bits = Integer.parseInt(cidr[1]);
            if (bits < 0 || bits > length * 8) {
                throw new IllegalArgumentException(source + ":" + n + ": prefix /" + bits + " is out of range");
            }
            ranges.add(new Range(new BigInteger(1, network.get().getAddress()), bits, length,
                    new GeoLocation(cols[1].strip(), cols[2].isBlank() ? null : cols[2].strip())));
        }
        ranges.sort((a, b) -> Integer.compare(b.bits, a.bits));
        return new RangeTableGeo(List.copyOf(ranges));
    }

    @Override
    public Optional<GeoLocation> locate(InetAddress address) {
        byte[] raw = address.getAddress();
        BigInteger value = new BigInteger(1, raw);
        for (Range r : ranges) {
            if (r.contains(value, raw.length)) {
                return Optional.of(r.location);
            }
        }
        return Optional.empty();
    }
}
