package dev.sieve.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void readsTheNameAndUserPlusSystemTicks() {
        // A JIT compiler thread's line as Linux writes it: utime 1234 and stime 56 are fields 14 and 15.
        String line = "4711 (C2 CompilerThre) S 4700 4700 1 0 -1 4194368 28311 0 0 0 1234 56 0 0 20 0 29 0 "
                + "123456 5000000000 60000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";

        assertThat(ProcStat.parse(line)).isEqualTo(new ProcStat.Thread("C2 CompilerThre", 1290));
    }

    @Test
    void aNameWithSpacesAndParenthesesRunsToTheLastClosingParenthesis() {
        String line = "12 (GC Thread#0 (x)) R 1 1 1 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 0 0 0";

        assertThat(ProcStat.parse(line)).isEqualTo(new ProcStat.Thread("GC Thread#0 (x)", 10));
    }

    @Test
    void aLineOfAnotherFormIsRefused() {
        assertThatThrownBy(() -> ProcStat.parse("cpu  1 2 3 4")).hasMessage("not a /proc stat line");
        assertThatThrownBy(() -> ProcStat.parse("1 (x) S 1 2 3"))
                .hasMessage("a /proc stat line with 6 fields, expected 15 or more");
    }

    @Test
    void readsEveryThreadOfThisProcess() {
        // Only on Linux, where /proc exists; elsewhere there is nothing to read and the answer is empty.
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
            assertThat(ProcStat.threads("self").values()).extracting(ProcStat.Thread::name).contains("java");
        } else {
            assertThat(ProcStat.threads("self")).isEmpty();
        }
    }
}
