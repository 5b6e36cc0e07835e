package dev.sieve.cli.operate;

import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.sink.Sink;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * The real sink ({@link Sink}: migrations, writer, control loop) on the embedded broker, storing region
 * {@value #REGION} in the real ClickHouse engine, so a command's requests are acted on exactly as in production.
 */
public final class RunningSink {

    public static final String REGION = "cn-north";

    private RunningSink() {}

    /** Every topic of the registry, as {@code sieve topics apply} creates them. */
    public static void createTopics(EmbeddedKafka kafka, TableCatalog catalog) throws Exception {
        try (Admin admin = Admin.create(kafkaClient(kafka))) {
            TopicApplier.apply(admin, catalog.topics().all(), 1, (short) 1);
        }
    }

    /** Starts a sink on its own database and consumer group; close it. */
    public static Sink start(EmbeddedKafka kafka, ClickHouseEngine engine, TableCatalog catalog, SchemaOptions schema,
            String group) {
        return Sink.builder().catalog(catalog)
                .stores(Map.of(REGION, new ClickHouseStore(REGION, new EngineGateway(engine), schema, catalog))).keyRings(TestKeys.rings(catalog.policy()))
                .kafka(kafka.bootstrapServers(), group, Map.of()).start();
    }

    /** What {@code ConfigOption.kafkaClient()} gives the commands: bootstrap servers, no {@code kafka.client.*}. */
    public static Map<String, Object> kafkaClient(EmbeddedKafka kafka) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return props;
    }
}
