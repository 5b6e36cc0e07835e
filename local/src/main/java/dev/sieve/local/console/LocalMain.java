package dev.sieve.local.console;

import dev.sieve.local.config.LocalConfig;
import dev.sieve.local.config.LocalConfigLoader;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sieve run}: the whole pipeline in one JVM with demo traffic. Settings come from {@code --config FILE}
 * (keys in {@link LocalConfigLoader}) and {@code SIEVE_<KEY>} variables; each flag sets one key and wins over
 * both. Exit codes: 0 stopped as asked, 1 could not start, 2 bad usage or configuration (every problem listed).
 */
@Command(name = "sieve run", sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs the whole pipeline in this JVM: Kafka (in-process unless kafka.bootstrap.servers is set),"
                + " ClickHouse (the embedded engine behind its HTTP interface unless clickhouse.url is set), the"
                + " collector, enrich, anonymize, the sink, and demo traffic. Ctrl-C stops it.")
public final class LocalMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "properties file (keys: README.md, \"Run the whole pipeline\")")
    Path config;

    @Option(names = "--no-demo", description = "no demo traffic (demo.enabled=false)")
    boolean noDemo;

    @Option(names = "--rate", paramLabel = "N", description = "demo events per second (demo.events-per-second, default 50)")
    Integer rate;

    @Option(names = "--devices", paramLabel = "N", description = "simulated devices (demo.devices, default 200)")
    Integer devices;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the demo population and values (demo.seed, default 42)")
    Long seed;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "stop after this long, e.g. 60s or 5m (run.duration; default: until Ctrl-C)")
    String duration;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    public static void main(String[] args) {
        useLocalLogConfiguration();
        CommandLine command = new CommandLine(new LocalMain());
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // Flags as SIEVE_<KEY> overrides: one reader checks them with the file's keys and reports them together.
        Map<String, String> env = new HashMap<>(System.getenv());
        set(env, LocalConfigLoader.DEMO_ENABLED, noDemo ? "false" : null);
        set(env, LocalConfigLoader.DEMO_EVENTS_PER_SECOND, rate);
        set(env, LocalConfigLoader.DEMO_DEVICES, devices);
        set(env, LocalConfigLoader.DEMO_SEED, seed);
        set(env, LocalConfigLoader.RUN_DURATION, duration);
        LocalConfig settings;
        try {
            settings = LocalConfigLoader.read(ConfigReader.load(config, env));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        return new LocalRun(settings, System.getenv(), System.out, System.err).run();
    }

    private static void set(Map<String, String> env, String key, Object flag) {
        if (flag != null) {
            env.put(ConfigReader.envName(key), flag.toString());
        }
    }

    /**
     * Selects the log configuration of {@code ./sieve run} (the resource {@code sieve-local-logback.xml}: warnings
     * and errors only) unless a {@code -Dlogback.configurationFile} on the command line names another. Call it
     * before anything logs; the benchmarks that run the local pipeline call it too.
     */
    public static void useLocalLogConfiguration() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sieve-local-logback.xml");
        }
    }
}
