package dev.sieve.benchmarks;

import dev.sieve.scrub.KnownIdentifiers;
import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.policy.PolicyLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link ScrubBenchmark}'s values (ordinary and hostile, 1 and 8 KB), each scrubbed as text and as a URL, measured in
 * CPU time of the thread rather than wall-clock time, for a machine shared with other builds (see
 * {@link AnonymizeStepCpuBenchmark}). Prints CSV: shape, size, then microseconds of CPU per {@code scrub_text} and
 * per {@code scrub_url}, each the median of 5 rounds.
 *
 * <p>Run: {@code java -cp "$CP" dev.sieve.benchmarks.ScrubCpuBenchmark}
 */
public final class ScrubCpuBenchmark {

    /** {@link ScrubBenchmark}'s shapes, read from its {@code @Param}: one list for both benchmarks. */
    private static final String[] SHAPES = shapes();
    private static final int ROUNDS = 5;

    private ScrubCpuBenchmark() {}

    private static String[] shapes() {
        try {
            return ScrubBenchmark.class.getField("shape").getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Scrubber scrubber = Scrubber.forPolicy(PolicyLoader.loadDefault());
        KnownIdentifiers known = KnownIdentifiers.of(List.of("user-8812", "dev-5c1f", "alice.smith@example.com"));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long chars = 0;
        System.out.println("shape,size,scrub_text_us,scrub_url_us");
        for (String shape : SHAPES) {
            for (int size : new int[] {1024, 8192}) {
                String text = ScrubBenchmark.build(shape, size);
                String url = "https://shop.example.com/" + text.replace(' ', '/');
                int n = size == 1024 ? 400 : 60;
                double[] asText = new double[ROUNDS];
                double[] asUrl = new double[ROUNDS];
                for (int i = 0; i < 8 * n; i++) {
                    chars += scrubber.text(text, known).length() + String.valueOf(scrubber.url(url, List.of("ref"),
                            known, "notes")).length();
                }
                for (int r = 0; r < ROUNDS; r++) {
                    long start = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        chars += scrubber.text(text, known).length();
                    }
                    long middle = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        chars += String.valueOf(scrubber.url(url, List.of("ref"), known, "notes")).length();
                    }
                    asText[r] = (middle - start) / 1e3 / n;
                    asUrl[r] = (cpu.getCurrentThreadCpuTime() - middle) / 1e3 / n;
                }
                Arrays.sort(asText);
                Arrays.sort(asUrl);
                System.out.printf("%s,%d,%.1f,%.1f%n", shape, size, asText[ROUNDS / 2], asUrl[ROUNDS / 2]);
            }
        }
        // Printed so the JIT compiler cannot drop the work.
        System.err.println(chars + " chars written");
    }
}
