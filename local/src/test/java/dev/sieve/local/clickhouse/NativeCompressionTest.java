package dev.sieve.local.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NativeCompressionTest {

    @Test
    void roundTripsAcrossBlocks() {
        byte[] data = new byte[(1 << 20) * 2 + 123];
        new Random(7).nextBytes(data);

        assertThat(NativeCompression.decompress(NativeCompression.compress(data))).isEqualTo(data);
    }

    @Test
    void nothingIsAnEmptyStream() {
        assertThat(NativeCompression.compress(new byte[0])).isEmpty();
        assertThat(NativeCompression.decompress(new byte[0])).isEmpty();
    }

    @Test
    void framesABlockAsClickHouseDoes() {
        byte[] block = NativeCompression.compress("hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(block[16]).isEqualTo((byte) 0x82);
        assertThat(block.length).isEqualTo(16 + (block[17] & 0xff)); // checksum, then the compressed size
        assertThat(block[21]).isEqualTo((byte) 5);                   // uncompressed size, little-endian
    }

    @Test
    void aCorruptedBlockFailsItsChecksum() {
        byte[] block = NativeCompression.compress("hello, hello, hello".getBytes(StandardCharsets.US_ASCII));
        block[block.length - 1] ^= 1;

        assertThatThrownBy(() -> NativeCompression.decompress(block))
                .isInstanceOfSatisfying(ClickHouseError.class, e -> assertThat(e.code()).isEqualTo(40));
    }

    @Test
    void onlyLz4BlocksAreRead() {
        byte[] block = NativeCompression.compress("x".getBytes(StandardCharsets.US_ASCII));
        block[16] = 0x02; // ClickHouse's "no compression" method

        assertThatThrownBy(() -> NativeCompression.decompress(block))
                .isInstanceOfSatisfying(ClickHouseError.class, e -> assertThat(e.code()).isEqualTo(89));
    }
}
