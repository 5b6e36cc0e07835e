package dev.sieve.sink.clickhouse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with ClickHouse's RowBinary primitives: little-endian numbers, LEB128 lengths. */
final class RowBinaryOutput {

    private byte[] buf = new byte[256];
    private int size;

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    void writeVarUInt(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeByte((int) v);
    }

    void writeString(CharSequence s) {
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        writeVarUInt(bytes.length);
        writeBytes(bytes);
    }

    void writeInt32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    void writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void reset() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
