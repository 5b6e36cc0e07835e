package dev.sieve.benchmarks;

import dev.sieve.scrub.KnownIdentifiers;
import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.policy.PolicyLoader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code scrub_text} and one {@code scrub_url} of a value of {@code size} chars, ordinary or hostile, with the
 * default policy's scrubber and three known identifiers. Linear time shows as the same cost per KB at every size,
 * and hostile shapes cost about what ordinary text does: divide the score (microseconds per scrub) by
 * {@code size / 1024}.
 *
 * <p>Run: {@code java -cp "$(cat benchmarks/target/runtime-classpath.txt):benchmarks/target/classes"
 * org.openjdk.jmh.Main ScrubBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScrubBenchmark {

    /** A support message of the kind {@code failure_message} and {@code search_query} carry. */
    private static final String ORDINARY = "Customer alice.smith@example.com (wechat: zhang.wei.1988) could not pay "
            + "order 12345 of 1,299.00 on 2026-12-05; card 4111 1111 1111 1111 declined, call +86 138 0013 8000 "
            + "or see https://shop.example.com/account/alice.smith/orders?ref=mail from 203.0.113.77, app version "
            + "16.0.1 on iOS. The session token sess_8f3k2j1h4g5l6m7n8b9v was refreshed and the user retried. ";

    @Param({"ordinary", "a1-", "1.", "x", "1:", "a.", "@", "a.@", "%41", "digits", "passport: 12-", "京A1", "&commat;",
            "<password>", "\u0430", "a.co/", "wechat a1b2c ", "0x1.", "1.2345 ", "\"@", "[.]", "1 ", "\\/",
            "one ", "\u4e00", "1o", "123-45-", "39\u00b054'1", "\u5fae\u535a@\u5f20", "\u827e\u7279a.", "1\u2013",
            "QUJD", "MTM4MDAxMzgwMDA= ", "dob 1-", "a@b.c0"})
    public String shape;

    @Param({"1024", "2048", "4096", "8192"})
    public int size;

    private Scrubber scrubber;
    private KnownIdentifiers known;
    private String text;
    private String url;

    @Setup
    public void setUp() throws Exception {
        scrubber = Scrubber.forPolicy(PolicyLoader.loadDefault());
        known = KnownIdentifiers.of(List.of("user-8812", "dev-5c1f", "alice.smith@example.com"));
        text = build(shape, size);
        url = "https://shop.example.com/" + text.replace(' ', '/');
    }

    public static String build(String shape, int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        switch (shape) {
            case "ordinary" -> {
                while (sb.length() < size) {
                    sb.append(ORDINARY);
                }
            }
            case "a.@" -> {
                while (sb.length() < size) {
                    sb.append("a.".repeat(63)).append("a@");
                }
            }
            case "digits" -> {
                while (sb.length() < size) {
                    sb.append("0123456789");
                }
            }
            default -> {
                while (sb.length() < size) {
                    sb.append(shape);
                }
            }
        }
        sb.setLength(size);
        return sb.toString();
    }

    @Benchmark
    public String scrubText() {
        return scrubber.text(text, known);
    }

    @Benchmark
    public String scrubUrl() {
        return scrubber.url(url, List.of("ref"), known, "notes");
    }
}
