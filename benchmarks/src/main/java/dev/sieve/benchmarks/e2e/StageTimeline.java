package dev.sieve.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How far each stage had got with a burst, sampled every {@value #SAMPLE_MILLIS} ms from the counters the stages
 * keep in this JVM (no request to the pipeline): events the collector acknowledged, events enrich passed on,
 * records anonymize wrote to purpose topics, rows ClickHouse acknowledged. Each stage's progress is a fraction of
 * what the burst gives it, so the curves can be compared: the stage whose curve lags with its input already there
 * is where the pipeline waits.
 */
public final class StageTimeline implements AutoCloseable {

    static final long SAMPLE_MILLIS = 250;

    /** A stage and how much of the burst it handles in all. */
    public record Stage(String name, LongSupplier counter, long total) {}

    /** Seconds since the burst started, and each stage's fraction done. */
    public record Sample(double seconds, double[] done) {}

    private final List<Stage> stages;
    private final long[] base;
    private final long startMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-timeline");
        t.setDaemon(true);
        return t;
    });

    /** Starts sampling; each stage's counter is read now as its zero. */
    public StageTimeline(List<Stage> stages, long startMillis) {
        this.stages = List.copyOf(stages);
        this.base = stages.stream().mapToLong(s -> s.counter().getAsLong()).toArray();
        this.startMillis = startMillis;
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        double[] done = new double[stages.size()];
        for (int i = 0; i < done.length; i++) {
            done[i] = (double) (stages.get(i).counter().getAsLong() - base[i]) / stages.get(i).total();
        }
        double seconds = (System.currentTimeMillis() - startMillis) / 1e3;
        synchronized (samples) {
            samples.add(new Sample(seconds, done));
        }
    }

    public List<Stage> stages() {
        return stages;
    }

    /** Stops sampling after one last sample; the samples taken. */
    public List<Sample> stop() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        sample();
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /**
     * The stage's rate over the middle of its work, from 10 % to 90 % done, in its own units per second; the
     * start-up and the tail (the last batches, the last commit) are left out.
     */
    public static double steadyRate(List<Sample> samples, int stage, long total) {
        double from = crossing(samples, stage, 0.1);
        double to = crossing(samples, stage, 0.9);
        return to > from ? 0.8 * total / (to - from) : Double.NaN;
    }

    /** Seconds at which the stage first reached {@code fraction}, interpolated between samples; NaN if never. */
    public static double crossing(List<Sample> samples, int stage, double fraction) {
        Sample previous = null;
        for (Sample s : samples) {
            if (s.done()[stage] >= fraction) {
                if (previous == null || s.done()[stage] == previous.done()[stage]) {
                    return s.seconds();
                }
                double share = (fraction - previous.done()[stage]) / (s.done()[stage] - previous.done()[stage]);
                return previous.seconds() + share * (s.seconds() - previous.seconds());
            }
            previous = s;
        }
        return Double.NaN;
    }

    /**
     * Mean time an event spends between stage {@code upstream} and the next stage while a steady rate flows, by
     * Little's law: the mean number of events past {@code upstream} and not yet past the next, over the samples
     * from {@code fromSeconds} to {@code toSeconds}, divided by the rate.
     *
     * @param events how many events the phase sends in all (each stage's fraction done is of that many)
     * @return seconds
     */
    public static double meanSecondsToNext(List<Sample> samples, int upstream, double fromSeconds, double toSeconds,
            long events, double eventsPerSecond) {
        double inFlight = 0;
        int n = 0;
        for (Sample s : samples) {
            if (s.seconds() >= fromSeconds && s.seconds() <= toSeconds) {
                inFlight += (s.done()[upstream] - s.done()[upstream + 1]) * events;
                n++;
            }
        }
        return n == 0 ? Double.NaN : inFlight / n / eventsPerSecond;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
