package dev.sieve.benchmarks;

import dev.sieve.scrub.IdentifierScan;
import dev.sieve.scrub.KnownIdentifiers;
import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.policy.PolicyLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code sieve scan} spends per distinct stored value: {@link IdentifierScan} over a support message of
 * {@link ScrubBenchmark}'s kind (about 400 chars) as the scrubber stored it (what a healthy table holds), and as it
 * was before scrubbing (what a leak holds), and over a stored URL.
 *
 * <p>Run: {@code java -cp "$CP" org.openjdk.jmh.Main IdentifierScanBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdentifierScanBenchmark {

    private IdentifierScan scan;
    private String dirty;
    private String scrubbed;
    private String url;

    @Setup
    public void setUp() throws Exception {
        Scrubber scrubber = Scrubber.forPolicy(PolicyLoader.loadDefault());
        scan = new IdentifierScan(scrubber);
        dirty = ScrubBenchmark.build("ordinary", 400);
        scrubbed = scrubber.text(dirty, KnownIdentifiers.none());
        url = scrubber.url("https://shop.example.com/account/alice.smith/orders/84729301?utm_source=news&ref=mail",
                List.of("utm_source"), KnownIdentifiers.none(), null);
    }

    @Benchmark
    public Set<String> scrubbedText() {
        return scan.inText(scrubbed);
    }

    @Benchmark
    public Set<String> dirtyText() {
        return scan.inText(dirty);
    }

    @Benchmark
    public Set<String> storedUrl() {
        return scan.inUrl(url, List.of("utm_source"));
    }
}
