package dev.sieve.local.clickhouse;

import com.clickhouse.data.ClickHouseCityHash;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * ClickHouse's own compression framing, which its HTTP interface uses for {@code compress=1} answers and
 * {@code decompress=1} request bodies (client-v2 asks for compressed answers by default). A stream is a
 * sequence of blocks: a 16-byte CityHash128 checksum of the rest of the block, the method byte {@code 0x82}
 * (LZ4), the compressed size including the 9 header bytes and the uncompressed size (both 32-bit
 * little-endian), then one LZ4 block.
 */
final class NativeCompression {

    private static final int CHECKSUM_BYTES = 16;
    private static final int HEADER_BYTES = 9;
    private static final byte LZ4 = (byte) 0x82;
    /** ClickHouse's own block size for compressed output. */
    private static final int BLOCK_BYTES = 1 << 20;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestJavaInstance().fastCompressor();
    private static final LZ4FastDecompressor DECOMPRESSOR = LZ4Factory.fastestJavaInstance().fastDecompressor();

    private NativeCompression() {}

    /** Frames {@code data} as compressed blocks; empty data gives an empty stream. */
    static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        for (int offset = 0; offset < data.length; offset += BLOCK_BYTES) {
            int length = Math.min(BLOCK_BYTES, data.length - offset);
            byte[] block = new byte[CHECKSUM_BYTES + HEADER_BYTES + COMPRESSOR.maxCompressedLength(length)];
            int compressed = COMPRESSOR.compress(data, offset, length, block, CHECKSUM_BYTES + HEADER_BYTES);
            ByteBuffer header = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
            header.put(CHECKSUM_BYTES, LZ4);
            header.putInt(CHECKSUM_BYTES + 1, HEADER_BYTES + compressed);
            header.putInt(CHECKSUM_BYTES + 5, length);
            long[] hash = ClickHouseCityHash.cityHash128(block, CHECKSUM_BYTES, HEADER_BYTES + compressed);
            header.putLong(0, hash[0]);
            header.putLong(8, hash[1]);
            out.write(block, 0, CHECKSUM_BYTES + HEADER_BYTES + compressed);
        }
        return out.toByteArray();
    }

    /**
     * Reads a stream of compressed blocks back.
     *
     * @throws ClickHouseError {@code CHECKSUM_DOESNT_MATCH} or {@code CANNOT_DECOMPRESS}, as ClickHouse would
     */
    static byte[] decompress(byte[] stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(stream.length * 2);
        ByteBuffer in = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        while (offset < stream.length) {
            if (stream.length - offset < CHECKSUM_BYTES + HEADER_BYTES) {
                throw cannotDecompress("truncated block header");
            }
            int method = stream[offset + CHECKSUM_BYTES] & 0xff;
            if (method != (LZ4 & 0xff)) {
                throw ClickHouseError.of(ClickHouseError.UNKNOWN_COMPRESSION_METHOD, "UNKNOWN_COMPRESSION_METHOD",
                        "Unknown compression method " + method + " (only LZ4, 0x82, is read here)");
            }
            int compressedSize = in.getInt(offset + CHECKSUM_BYTES + 1);
            int size = in.getInt(offset + CHECKSUM_BYTES + 5);
            if (compressedSize < HEADER_BYTES || size < 0 || compressedSize > stream.length - offset - CHECKSUM_BYTES) {
                throw cannotDecompress("block sizes do not fit the body");
            }
            long[] hash = ClickHouseCityHash.cityHash128(stream, offset + CHECKSUM_BYTES, compressedSize);
            if (hash[0] != in.getLong(offset) || hash[1] != in.getLong(offset + 8)) {
                throw ClickHouseError.of(ClickHouseError.CHECKSUM_DOESNT_MATCH, "CHECKSUM_DOESNT_MATCH",
                        "Checksum doesn't match: corrupted data");
            }
            byte[] block = new byte[size];
            try {
                int read = DECOMPRESSOR.decompress(stream, offset + CHECKSUM_BYTES + HEADER_BYTES, block, 0, size);
                if (read != compressedSize - HEADER_BYTES) {
                    throw cannotDecompress("LZ4 block length does not match its header");
                }
            } catch (LZ4Exception e) {
                throw cannotDecompress("malformed LZ4 block");
            }
            out.write(block, 0, size);
            offset += CHECKSUM_BYTES + compressedSize;
        }
        return out.toByteArray();
    }

    private static ClickHouseError cannotDecompress(String why) {
        return ClickHouseError.of(ClickHouseError.CANNOT_DECOMPRESS, "CANNOT_DECOMPRESS",
                "Cannot decompress the request body: " + why);
    }
}
