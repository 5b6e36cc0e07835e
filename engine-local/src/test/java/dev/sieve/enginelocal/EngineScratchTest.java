package dev.sieve.enginelocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineScratchTest {

    @TempDir
    Path dir;

    @Test
    void aConfiguredDirectoryWinsThePropertyOverTheVariable() throws Exception {
        Path property = dir.resolve("property");
        Path variable = dir.resolve("variable");

        assertThat(EngineScratch.parent(property.toString(), Map.of("SIEVE_ENGINE_DIR", variable.toString()),
                dir)).contains(property);
        assertThat(property).isDirectory();
        assertThat(EngineScratch.parent(null, Map.of("SIEVE_ENGINE_DIR", variable.toString()), dir))
                .contains(variable);
    }

    @Test
    void memoryBackedSpaceServesOnlyWhenItIsAWritableDirectory() throws Exception {
        assertThat(EngineScratch.parent(null, Map.of(), dir.resolve("absent"))).isEmpty();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(EngineScratch.parent(null, Map.of(), file)).isEmpty();
        boolean room = Files.getFileStore(dir).getUsableSpace() >= EngineScratch.MIN_FREE;
        assertThat(EngineScratch.parent(null, Map.of(), dir)).isEqualTo(room
                ? java.util.Optional.of(dir) : java.util.Optional.empty());
    }
}
