package dev.sieve.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Linux's per-thread CPU counters: a line of {@code /proc/<pid>/task/<tid>/stat} ({@code proc(5)}) read for its
 * thread name and its user plus system time, in clock ticks. Used where the JDK offers no view: the JVM's own native
 * threads (JIT compiler, garbage collection), of this process or another.
 */
public final class ProcStat {

    /** {@code USER_HZ}: the unit of {@code utime} and {@code stime} on every Linux the JDK runs on. */
    public static final long CLOCK_TICKS_PER_SECOND = 100;

    /**
     * One thread's reading.
     *
     * @param name  the thread's name as the kernel keeps it ({@code comm}, at most 15 characters)
     * @param ticks user plus system time
     */
    public record Thread(String name, long ticks) {}

    private ProcStat() {}

    /**
     * Parses one {@code stat} line: {@code pid (comm) state ppid ...}, {@code utime} and {@code stime} being fields
     * 14 and 15. The name may hold spaces and parentheses, so it runs to the last closing parenthesis.
     *
     * @throws IllegalArgumentException if the line is not of that form
     */
    public static Thread parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc stat line");
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        if (f.length < 13) {
            throw new IllegalArgumentException("a /proc stat line with " + (f.length + 2) + " fields, expected 15 or "
                    + "more");
        }
        // After the name, field 3 (state) is f[0]: utime (14) and stime (15) are f[11] and f[12].
        return new Thread(line.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }

    /**
     * Every live thread of process {@code pid} ({@code "self"} for this one), keyed by thread id; none off Linux. A
     * thread that ends while they are read is left out.
     */
    public static Map<String, Thread> threads(String pid) {
        Map<String, Thread> threads = new HashMap<>();
        List<Path> tasks;
        try (Stream<Path> list = Files.list(Path.of("/proc", pid, "task"))) {
            tasks = list.toList();
        } catch (IOException e) {
            return threads;
        }
        for (Path task : tasks) {
            try {
                threads.put(task.getFileName().toString(), parse(Files.readString(task.resolve("stat"))));
            } catch (IOException e) {
                // the thread ended since the listing
            }
        }
        return threads;
    }
}
