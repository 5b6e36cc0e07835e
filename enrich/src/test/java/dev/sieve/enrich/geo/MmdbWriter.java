package dev.sieve.enrich.geo;

import dev.sieve.schemas.ip.IpLiteral;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB ({@code .mmdb}) files for tests, following the MaxMind DB File Format Specification
 * v2.0 (https://maxmind.github.io/MaxMind-DB/). Only a subset of the format is produced:
 *
 * <ul>
 *   <li>an IPv6 search tree ({@code ip_version} 6) with 24- or 28-bit records; IPv4 networks sit under
 *       {@code ::/96}, where readers look IPv4 addresses up, and nothing is aliased there (no
 *       {@code ::ffff:0:0/96} or {@code 2002::/16} pointers to the IPv4 subtree);</li>
 *   <li>a data section with maps (string keys), UTF-8 strings, arrays, and unsigned integers written from the
 *       Java types the reader decodes them back into: {@link Integer} as uint16, {@link Long} as uint32,
 *       {@link BigInteger} as uint64. Each distinct record is written once; no pointers are used;</li>
 *   <li>the 16-byte data section separator, the {@code "\xAB\xCD\xEFMaxMind.com"} marker and the metadata map
 *       with every key the spec lists.</li>
 * </ul>
 *
 * When networks nest, the most specific one wins, whatever the order of {@link #insert} calls.
 */
final class MmdbWriter {

    private static final int STRING = 2;
    private static final int UINT16 = 5;
    private static final int UINT32 = 6;
    private static final int MAP = 7;
    private static final int UINT64 = 9;
    private static final int ARRAY = 11;

    private static final int DATA_SECTION_SEPARATOR = 16;
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private record Network(byte[] address, int prefixLength, Map<String, Object> record) {}

    /** A search tree node; each child is another node, a record (a {@code Map}), or null for "no data". */
    private static final class Node {
        final Object[] children = new Object[2];
        int number;
    }

    private final String databaseType;
    private final int recordSize;
    private final Instant buildTime;
    private final List<Network> networks = new ArrayList<>();

    MmdbWriter(String databaseType, int recordSize, Instant buildTime) {
        if (recordSize != 24 && recordSize != 28) {
            throw new IllegalArgumentException("record size must be 24 or 28, not " + recordSize);
        }
        this.databaseType = databaseType;
        this.recordSize = recordSize;
        this.buildTime = buildTime;
    }

    /** Maps an IPv4 or IPv6 network ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) to {@code record}. */
    MmdbWriter insert(String cidr, Map<String, Object> record) {
        int slash = cidr.indexOf('/');
        // IpLiteral refuses host names, so a typo here cannot turn into a DNS query.
        InetAddress address = IpLiteral.parse(slash < 0 ? cidr : cidr.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP network: " + cidr));
        if (address instanceof Inet4Address && cidr.contains(":")) {
            // IpLiteral (like the JDK) turns ::ffff:a.b.c.d into an IPv4 address; nothing is stored there.
            throw new IllegalArgumentException("IPv4-mapped networks are not stored; insert the IPv4 network: " + cidr);
        }
        boolean v4 = address instanceof Inet4Address;
        int prefixLength = slash < 0 ? (v4 ? 32 : 128) : Integer.parseInt(cidr.substring(slash + 1));
        if (prefixLength < 0 || prefixLength > (v4 ? 32 : 128)) {
            throw new IllegalArgumentException("bad prefix length: " + cidr);
        }
        byte[] bytes = new byte[16];
        byte[] raw = address.getAddress();
        System.arraycopy(raw, 0, bytes, 16 - raw.length, raw.length); // IPv4 becomes ::a.b.c.d
        int treePrefix = prefixLength + (v4 ? 96 : 0);
        if (treePrefix == 0) {
            throw new IllegalArgumentException("::/0 cannot be stored: the root of the tree must be a node");
        }
        for (int bit = treePrefix; bit < 128; bit++) {
            if (bit(bytes, bit) != 0) {
                throw new IllegalArgumentException("host bits set in " + cidr);
            }
        }
        networks.add(new Network(bytes, treePrefix, record));
        return this;
    }

    void write(Path file) throws IOException {
        Node root = buildTree();
        List<Node> nodes = numberNodes(root);
        long nodeCount = nodes.size();

        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<Object, Long> recordValues = new LinkedHashMap<>();
        for (Node node : nodes) {
            for (Object child : node.children) {
                if (child instanceof Map<?, ?> record && !recordValues.containsKey(record)) {
                    // Record values above node_count point into the data section, offset by the separator.
                    recordValues.put(record, nodeCount + DATA_SECTION_SEPARATOR + data.size());
                    encode(record, data);
                }
            }
        }
        // The end of the data section bounds every record value, node numbers included.
        if (nodeCount + DATA_SECTION_SEPARATOR + data.size() > 1L << recordSize) {
            throw new IllegalStateException("database too large for " + recordSize + "-bit records");
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            long left = recordValue(node.children[0], nodeCount, recordValues);
            long right = recordValue(node.children[1], nodeCount, recordValues);
            writeNode(out, left, right);
        }
        out.write(new byte[DATA_SECTION_SEPARATOR]);
        data.writeTo(out);
        out.write(METADATA_MARKER);
        encode(metadata(nodeCount), out);
        Files.write(file, out.toByteArray());
    }

    private Node buildTree() {
        Node root = new Node();
        List<Network> leastSpecificFirst = new ArrayList<>(networks);
        // Stable sort: a network inserted later only ever overwrites an equal or enclosing one, so a nested
        // network is never hidden by its parent; of two identical networks the last inserted wins.
        leastSpecificFirst.sort(Comparator.comparingInt(Network::prefixLength));
        for (Network network : leastSpecificFirst) {
            Node node = root;
            for (int i = 0; i < network.prefixLength() - 1; i++) {
                int bit = bit(network.address(), i);
                Object child = node.children[bit];
                if (!(child instanceof Node)) {
                    // Splitting an enclosing network's leaf: both halves keep its record (or its absence).
                    Node split = new Node();
                    split.children[0] = child;
                    split.children[1] = child;
                    node.children[bit] = split;
                }
                node = (Node) node.children[bit];
            }
            node.children[bit(network.address(), network.prefixLength() - 1)] = network.record();
        }
        return root;
    }

    /** Breadth-first numbering, so the root is node 0 as the spec requires. */
    private static List<Node> numberNodes(Node root) {
        List<Node> nodes = new ArrayList<>();
        Deque<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node node = queue.removeFirst();
            node.number = nodes.size();
            nodes.add(node);
            for (Object child : node.children) {
                if (child instanceof Node next) {
                    queue.addLast(next);
                }
            }
        }
        return nodes;
    }

    private static long recordValue(Object child, long nodeCount, Map<Object, Long> recordValues) {
        if (child instanceof Node node) {
            return node.number;
        }
        // node_count itself means "no data for this network".
        return child == null ? nodeCount : recordValues.get(child);
    }

    private void writeNode(ByteArrayOutputStream out, long left, long right) {
        writeLow24(out, left);
        if (recordSize == 28) {
            // The four high bits of both records share the middle byte, the left record's in the upper nibble.
            out.write((int) ((left >>> 24) << 4 | right >>> 24));
        }
        writeLow24(out, right);
    }

    private static void writeLow24(ByteArrayOutputStream out, long value) {
        out.write((int) (value >>> 16) & 0xFF);
        out.write((int) (value >>> 8) & 0xFF);
        out.write((int) value & 0xFF);
    }

    private Map<String, Object> metadata(long nodeCount) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", 2);
        metadata.put("binary_format_minor_version", 0);
        metadata.put("build_epoch", BigInteger.valueOf(buildTime.getEpochSecond()));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "Test database written by " + MmdbWriter.class.getSimpleName()));
        metadata.put("ip_version", 6);
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", nodeCount);
        metadata.put("record_size", recordSize);
        return metadata;
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            control(out, STRING, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof Map<?, ?> map) {
            control(out, MAP, map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException("map keys must be strings: " + entry.getKey());
                }
                encode(entry.getKey(), out);
                encode(entry.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            control(out, ARRAY, list.size());
            list.forEach(element -> encode(element, out));
        } else if (value instanceof Integer i) {
            unsigned(out, UINT16, BigInteger.valueOf(i), 2);
        } else if (value instanceof Long l) {
            unsigned(out, UINT32, BigInteger.valueOf(l), 4);
        } else if (value instanceof BigInteger b) {
            unsigned(out, UINT64, b, 8);
        } else {
            throw new IllegalArgumentException("no MaxMind DB type for " + value);
        }
    }

    /** Big-endian with leading zero bytes dropped, as the spec allows (zero has an empty payload). */
    private static void unsigned(ByteArrayOutputStream out, int type, BigInteger value, int maxBytes) {
        if (value.signum() < 0 || value.bitLength() > maxBytes * 8) {
            throw new IllegalArgumentException(value + " does not fit type " + type);
        }
        byte[] bytes = value.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0; // toByteArray's sign byte, or the single byte of zero
        control(out, type, bytes.length - skip);
        out.write(bytes, skip, bytes.length - skip);
    }

    /**
     * A control byte: type in the top three bits (0 = "extended", the type minus 7 follows), the size in the
     * low five bits, and sizes of 29 and over in one to three bytes after the type.
     */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits;
        int extraBytes;
        int extra;
        if (size < 29) {
            sizeBits = size;
            extraBytes = 0;
            extra = 0;
        } else if (size < 29 + 256) {
            sizeBits = 29;
            extraBytes = 1;
            extra = size - 29;
        } else if (size < 285 + 65_536) {
            sizeBits = 30;
            extraBytes = 2;
            extra = size - 285;
        } else if (size < 65_821 + (1 << 24)) {
            sizeBits = 31;
            extraBytes = 3;
            extra = size - 65_821;
        } else {
            throw new IllegalArgumentException("size too large: " + size);
        }
        out.write((type <= 7 ? type : 0) << 5 | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        for (int shift = (extraBytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write(extra >>> shift & 0xFF);
        }
    }

    private static int bit(byte[] address, int index) {
        return address[index / 8] >>> (7 - index % 8) & 1;
    }
}
