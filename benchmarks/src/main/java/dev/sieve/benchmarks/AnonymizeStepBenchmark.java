package dev.sieve.benchmarks;

import dev.sieve.anonymize.projection.EventView;
import dev.sieve.anonymize.projection.PurposeProjection;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.purpose.PurposeSerde;
import dev.sieve.schemas.serde.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * The per-event anonymize step without Kafka: decode an enriched event, build every purpose view the default
 * policy asks for, encode each. {@code passThrough} is the baseline measured in the same run: decode and
 * re-encode the event once, the least any stage does.
 *
 * <p>The events are a population, not one event repeated (which would flatter every memo the stage keeps): the
 * events of {@link #DEVICES} devices, each with its own subject, device, advertising and hardware ids, contacts and
 * phone numbers in its searches and note numbers and tokens in its URLs, and every event its own id. {@code run} is
 * how many consecutive events come from one device: an SDK sends a device's events in batches, so a partition reads
 * them in runs ({@code 10}); {@code 1} is the worst case, every event from another device. {@link #POOL} events
 * are encoded up front and read in turn, so an event id comes back only after {@link #POOL} others.
 *
 * <p>Run: {@code java -cp "$(cat benchmarks/target/runtime-classpath.txt):benchmarks/target/classes"
 * org.openjdk.jmh.Main AnonymizeStepBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnonymizeStepBenchmark {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final int DEVICES = 100_000;
    static final int POOL = 1 << 16;

    /** Consecutive events from one device. */
    @Param({"10", "1"})
    public int run;

    private AvroSerde<DeviceEvent> deviceSerde;
    private AvroSerde<ServiceLogEvent> logSerde;
    private byte[][] devices;
    private byte[][] serviceLogs;
    private int next;
    private List<PurposeProjection> deviceViews;
    private List<PurposeSerde> deviceSerdes;
    private List<PurposeProjection> logViews;
    private List<PurposeSerde> logSerdes;

    @Setup
    public void setUp() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Projections projections = new Projections(policy, BenchmarkKeys.random(policy), Duration.ofDays(1),
                BenchmarkKeys.salts(policy, NOW));
        deviceSerde = AvroSerde.of(DeviceEvent.class);
        logSerde = AvroSerde.of(ServiceLogEvent.class);
        SplittableRandom random = new SplittableRandom(42);
        devices = new byte[POOL][];
        serviceLogs = new byte[POOL][];
        int device = 0;
        for (int i = 0; i < POOL; i++) {
            if (i % run == 0) {
                device = random.nextInt(DEVICES);
            }
            devices[i] = deviceSerde.serializer().serialize("t", Population.device(i, device));
            serviceLogs[i] = logSerde.serializer().serialize("t", Population.serviceLog(i, device, random));
        }
        deviceViews = projections.of(EventFamily.DEVICE);
        deviceSerdes = serdes(deviceViews);
        logViews = projections.of(EventFamily.SERVICE_LOG);
        logSerdes = serdes(logViews);
    }

    private static List<PurposeSerde> serdes(List<PurposeProjection> views) {
        List<PurposeSerde> out = new ArrayList<>();
        for (PurposeProjection p : views) {
            out.add(new PurposeSerde(p.schema()));
        }
        return out;
    }

    private int nextEvent() {
        next = (next + 1) & (POOL - 1);
        return next;
    }

    @Benchmark
    public int passThroughDevice() {
        byte[] device = devices[nextEvent()];
        return deviceSerde.serializer().serialize("t", deviceSerde.deserializer().deserialize("t", device)).length;
    }

    @Benchmark
    public int anonymizeDevice() {
        byte[] device = devices[nextEvent()];
        EventView event = new EventView(EventFamily.DEVICE, deviceSerde.deserializer().deserialize("t", device));
        int bytes = 0;
        for (int i = 0; i < deviceViews.size(); i++) {
            bytes += deviceSerdes.get(i).serializer().serialize("t", deviceViews.get(i).project(event, NOW)).length;
        }
        return bytes;
    }

    @Benchmark
    public int passThroughServiceLog() {
        byte[] serviceLog = serviceLogs[nextEvent()];
        return logSerde.serializer().serialize("t", logSerde.deserializer().deserialize("t", serviceLog)).length;
    }

    @Benchmark
    public int anonymizeServiceLog() {
        byte[] serviceLog = serviceLogs[nextEvent()];
        EventView event = new EventView(EventFamily.SERVICE_LOG, logSerde.deserializer().deserialize("t", serviceLog));
        int bytes = 0;
        for (int i = 0; i < logViews.size(); i++) {
            bytes += logSerdes.get(i).serializer().serialize("t", logViews.get(i).project(event, NOW)).length;
        }
        return bytes;
    }
}
