package dev.sieve.sink;

import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.runtime.MetricsEndpoint;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.sink.access.Grants;
import dev.sieve.sink.adapter.ClientV2Gateway;
import dev.sieve.sink.config.RegionEndpoint;
import dev.sieve.sink.config.SinkConfig;
import dev.sieve.sink.config.SinkConfigLoader;
import dev.sieve.sink.ddl.Migrations;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.erasure.ErasureStatus;
import dev.sieve.sink.hold.LegalHolds;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.subject.SubjectAccess;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import dev.sieve.sink.write.RegionEndpoints;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The sink's command line. The configuration file comes from {@code --config FILE} or {@code SIEVE_SINK_CONFIG};
 * {@code run} serves Prometheus metrics and health on {@code metrics.port}.
 *
 * <pre>
 * sieve-sink run                                             run until SIGTERM (flushes, then exits 0)
 * sieve-sink ddl | grants                                    print the SQL the sink would run / ops should run
 * sieve-sink hold-place --id H (--subject S | --device D) --by WHO --reason WHY
 * sieve-sink hold-lift --id H --by WHO --reason WHY
 * sieve-sink erasure-status --id REQUEST_ID
 * sieve-sink export (--subject S | --device D)               every stored row of the subject, JSONEachRow
 * </pre>
 * Exit codes: 0 done, 1 failed while running, 2 bad usage or configuration.
 */
public final class SinkMain {

    public static final String CONFIG_ENV = SinkContext.CONFIG_ENV;

    private SinkMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: sieve-sink run|ddl|grants|hold-place|hold-lift|erasure-status|export [--config FILE] ...");
            return 2;
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                err.println("expected --option value pairs, got '" + args[i] + "'");
                return 2;
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        SinkContext setup;
        try {
            setup = SinkContext.load(Optional.ofNullable(opts.remove("config")), env);
        } catch (ConfigException | PolicyException | IOException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            return switch (args[0]) {
                case "run" -> runSink(setup);
                case "ddl" -> print(out, Migrations.statements(setup.catalog(), setup.config().schema()));
                case "grants" -> print(out, Grants.statements(setup.catalog(), setup.config().schema()));
                case "hold-place" -> withEndpoints(setup, (endpoints, s) -> {
                    s.holds(endpoints).place(need(opts, "id"), subject(opts), need(opts, "by"), need(opts, "reason"));
                    return 0;
                });
                case "hold-lift" -> withEndpoints(setup, (endpoints, s) -> {
                    s.holds(endpoints).lift(need(opts, "id"), need(opts, "by"), need(opts, "reason"));
                    return 0;
                });
                case "erasure-status" -> withEndpoints(setup, (endpoints, s) -> {
                    new ErasureStatus(s.config().schema(), endpoints).of(need(opts, "id")).forEach((region, state) ->
                            out.println(region + "\t" + state.map(x -> x.event() + "\t" + x.at() + "\t"
                                    + x.rowsDeleted() + " rows\t" + String.join(",", x.tables())).orElse("unknown")));
                    return 0;
                });
                case "export" -> withEndpoints(setup, (endpoints, s) -> {
                    new SubjectAccess(s.catalog(), s.config().schema(), endpoints, s.identifiers())
                            .export(subject(opts)).forEach((region, tables) -> tables.forEach((table, rows) ->
                                    out.print(rows.lines().map(l -> "{\"region\":\"" + region + "\",\"table\":\""
                                            + table + "\",\"row\":" + l + "}\n").reduce("", String::concat))));
                    return 0;
                });
                default -> {
                    err.println("unknown command '" + args[0] + "'");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot serve metrics: " + e.getMessage());
            return 1;
        } catch (KeyException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int runSink(SinkContext s) throws KeyException, IOException {
        Sink sink = Sink.builder().catalog(s.catalog()).schema(s.config().schema()).endpoints(s.gateways())
                .keyRings(s.keyRings()).kafka(s.config().bootstrapServers(), s.config().groupId(), s.config().kafkaClient())
                .thresholds(s.config().thresholds()).retry(s.config().retry())
                .metrics(new SinkMetrics(Metrics.globalRegistry)).start();
        Optional<MetricsEndpoint> endpoint;
        try {
            endpoint = MetricsEndpoint.open(s.config().metricsPort(), () -> health(sink));
        } catch (IOException e) {
            sink.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            endpoint.ifPresent(MetricsEndpoint::close);
        }, "sieve-sink-shutdown"));
        try {
            CompletableFuture.anyOf(sink.writerDone(), sink.controlDone()).join();
            return 0;
        } catch (RuntimeException e) {
            System.err.println("sink stopped: " + e.getMessage());
            sink.close();
            return 1;
        }
    }

    /** Up while both the writer and the control loop run. */
    private static MetricsEndpoint.Health health(Sink sink) {
        boolean up = !sink.writerDone().isDone() && !sink.controlDone().isDone();
        return new MetricsEndpoint.Health(up, up ? "RUNNING" : "STOPPED");
    }

    private interface WithEndpoints {
        int run(RegionEndpoints endpoints, SinkContext setup) throws KeyException;
    }

    private static int withEndpoints(SinkContext s, WithEndpoints action) throws KeyException {
        try (RegionEndpoints endpoints = new RegionEndpoints(s.gateways())) {
            return action.run(endpoints, s);
        }
    }

    private static int print(PrintStream out, List<String> statements) {
        statements.forEach(sql -> out.println(sql + ";\n"));
        return 0;
    }

    private static String need(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static Subject subject(Map<String, String> opts) {
        return new Subject(Optional.ofNullable(opts.get("subject")), Optional.ofNullable(opts.get("device")));
    }
}
