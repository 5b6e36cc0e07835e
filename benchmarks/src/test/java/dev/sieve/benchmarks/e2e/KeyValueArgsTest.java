package dev.sieve.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueArgsTest {

    @Test
    void aNonNegativeCountTakesZero() {
        KeyValueArgs a = new KeyValueArgs(new String[] {"latency-warmup-seconds=0"},
                Map.of("latency-warmup-seconds", "30"));

        assertThat(a.nonNegative("latency-warmup-seconds")).isZero();
        a.finish();
    }

    @Test
    void aNonNegativeCountRefusesNegativeAndNonNumbers() {
        KeyValueArgs a = new KeyValueArgs(new String[] {"a=-1", "b=soon"}, Map.of("a", "0", "b", "0"));

        a.nonNegative("a");
        a.nonNegative("b");

        assertThatThrownBy(a::finish).hasMessageContainingAll("a must be a whole number, 0 or more, got '-1'",
                "b must be a whole number, 0 or more, got 'soon'");
    }
}
