package dev.sieve.cli.operate;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.sink.fixture.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A sink configuration whose ClickHouse (and by default Kafka) cannot be reached: commands that check their input
 * before they connect must fail on the input, and would fail differently if they connected first.
 */
public final class OpsConfig {

    private OpsConfig() {}

    public static String write(Path dir) throws IOException {
        return write(dir, "localhost:1");
    }

    /** As {@link #write(Path, String)}, with the test keys ({@link TestKeys}, the erasure list's too) in keys.dir. */
    public static String write(Path dir, String bootstrapServers, Policy policy) throws IOException {
        Path keys = TestKeys.writeDir(dir.resolve("keys"), policy);
        return Files.writeString(Path.of(write(dir, bootstrapServers)), "keys.dir=" + keys + "\n",
                StandardOpenOption.APPEND).toString();
    }

    /** A configuration whose Kafka is {@code bootstrapServers}; ClickHouse still cannot be reached. */
    public static String write(Path dir, String bootstrapServers) throws IOException {
        return Files.writeString(dir.resolve("sink.properties"), """
                kafka.bootstrap.servers=%s
                clickhouse.region.cn-north.url=http://localhost:1
                """.formatted(bootstrapServers)).toString();
    }
}
