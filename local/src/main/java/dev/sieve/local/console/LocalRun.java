package dev.sieve.local.console;

import dev.sieve.local.LocalPipeline;
import dev.sieve.local.LocalPipelineBuilder;
import dev.sieve.local.StartException;
import dev.sieve.local.config.LocalConfig;
import dev.sieve.local.demo.DemoTraffic;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code ./sieve run}: starts the pipeline and the demo traffic, prints where everything is, a status line
 * every few seconds, and on Ctrl-C, SIGTERM or the end of {@code run.duration} stops everything in order.
 * A second Ctrl-C stops at once.
 */
final class LocalRun {

    static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    private final LocalConfig config;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();

    LocalRun(LocalConfig config, Map<String, String> env, PrintStream out, PrintStream err) {
        this.config = config;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** @return the exit code: 0 stopped as asked, 1 could not start */
    int run() throws InterruptedException {
        // Before anything starts: Ctrl-C while starting stops as soon as the start is done.
        StopSignals.onInterruptOrTerminate(this::signalled);
        out.println("Sieve: starting the whole pipeline in this JVM");
        Instant started = Instant.now();
        LocalPipeline pipeline;
        try {
            pipeline = pipeline().progress(line -> out.println("  " + line)).start();
        } catch (StartException e) {
            err.println("sieve run: " + e.getMessage());
            return 1;
        }
        DemoTraffic demo = null;
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sieve-run-status");
            t.setDaemon(true);
            return t;
        });
        int code = 0;
        try {
            if (config.demo().enabled()) {
                out.println("  starting the demo traffic (publishing its consents first) ...");
                demo = DemoTraffic.start(config.demo(), pipeline);
            }
            out.println(banner(pipeline, Optional.ofNullable(demo)).text(UUID.randomUUID().toString(), Instant.now()));
            Optional<DemoTraffic> traffic = Optional.ofNullable(demo);
            status.scheduleAtFixedRate(() -> printStatus(pipeline, traffic, started), STATUS_EVERY.toMillis(),
                    STATUS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            if (config.duration().isPresent()) {
                if (!stop.await(config.duration().get().toMillis(), TimeUnit.MILLISECONDS)) {
                    out.println("ran for " + config.duration().get().toSeconds() + " s (run.duration)");
                }
            } else {
                stop.await();
            }
        } catch (StartException e) {
            err.println("sieve run: " + e.getMessage());
            code = 1;
        } finally {
            status.shutdownNow();
            status.awaitTermination(STATUS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            out.println("stopping ...");
            if (demo != null) {
                out.println("  stopping the demo traffic");
                demo.close();
                printStatus(pipeline, Optional.of(demo), started);
            }
            pipeline.close();
            out.println("stopped after " + Duration.between(started, Instant.now()).toSeconds() + " s");
        }
        return code;
    }

    private void signalled() {
        if (signals.incrementAndGet() > 1) {
            err.println("sieve run: stopping at once");
            Runtime.getRuntime().halt(130);
        }
        out.println();
        stop.countDown();
    }

    private LocalPipelineBuilder pipeline() {
        LocalPipelineBuilder b = LocalPipeline.builder().partitions(config.partitions())
                .clickHouseHttpPort(config.clickHouseHttpPort())
                .collector(config.collectorHost(), config.collectorPort()).metricsPort(config.metricsPort())
                .environment(env);
        config.kafkaBootstrapServers().ifPresent(k -> b.kafka(k, config.kafkaClient()));
        config.clickHouse().ifPresent(c -> b.clickHouse(c.url(), c.user(), c.password()));
        config.policyFile().ifPresent(b::policyFile);
        config.keysDir().ifPresent(b::keysDir);
        config.geoDatabase().ifPresent(b::geoDatabase);
        config.geoRanges().ifPresent(b::geoRanges);
        return b;
    }

    private Banner banner(LocalPipeline p, Optional<DemoTraffic> demo) {
        String kafka = p.bootstrapServers() + (config.kafkaBootstrapServers().isEmpty()
                ? " (in-process broker, gone when this stops)" : "");
        return new Banner(p.collectorUrl(), p.appId(), p.apiKey(), p.policy().regions().keySet().iterator().next(),
                p.clickHouseUrl(), LocalPipeline.DATABASE, p.metricsUrl(), kafka,
                demo.map(d -> d.summary() + "; " + config.demo().eventsPerSecond() + " events/s, seed "
                        + config.demo().seed() + " (--no-demo turns it off)"));
    }

    private void printStatus(LocalPipeline pipeline, Optional<DemoTraffic> demo, Instant started) {
        Duration elapsed = Duration.between(started, Instant.now());
        try {
            out.println(StatusLine.format(elapsed, demo.map(DemoTraffic::stats), pipeline.tableRows(),
                    pipeline.policy()));
        } catch (RuntimeException e) {
            out.println(String.format("[%5ds] ClickHouse did not answer the row count (%s)", elapsed.toSeconds(),
                    e.getClass().getSimpleName()));
        }
    }
}
