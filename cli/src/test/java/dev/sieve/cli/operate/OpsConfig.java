package dev.sieve.cli.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sink configuration whose ClickHouse (and by default Kafka) cannot be reached: commands that check their input
 * before they connect must fail on the input, and would fail differently if they connected first.
 */
public final class OpsConfig {

    private OpsConfig() {}

    public static String write(Path dir) throws IOException {
        return write(dir, "localhost:1");
    }

    /** A configuration whose Kafka is {@code bootstrapServers}; ClickHouse still cannot be reached. */
    public static String write(Path dir, String bootstrapServers) throws IOException {
        return Files.writeString(dir.resolve("sink.properties"), """
                kafka.bootstrap.servers=%s
                clickhouse.region.cn-north.url=http://localhost:1
                """.formatted(bootstrapServers)).toString();
    }
}
