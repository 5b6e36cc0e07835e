package dev.sieve.local.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What {@code ./sieve run} prints once everything runs: where to send events (with a curl command for one
 * event), how to query what was stored (with curl commands for ClickHouse), where metrics and health are.
 * Every command is meant to be copied and pasted as printed.
 *
 * @param collectorUrl  the collector
 * @param appId         the app events must name
 * @param apiKey        its API key (a demo key, new on every run)
 * @param region        a region of the policy, for the example event
 * @param clickHouseUrl ClickHouse's HTTP interface
 * @param database      the database of the tables
 * @param metricsUrl    the stages' combined metrics endpoint, unless turned off
 * @param kafka         where Kafka is, in words
 * @param demo          what the demo traffic does, in words, when it runs
 */
record Banner(String collectorUrl, String appId, String apiKey, String region, String clickHouseUrl, String database,
        Optional<String> metricsUrl, String kafka, Optional<String> demo) {

    /** A search that quotes a phone number and an e-mail address: the stored rows show what anonymize did. */
    static final String EXAMPLE_SEARCH = "call +1 202 555 0143 or mail li.wei@example.com";

    String text(String exampleEventId, Instant now) {
        String rowsPerTable = "SELECT name, total_rows FROM system.tables WHERE database = '" + database
                + "' AND total_rows > 0 ORDER BY name";
        String scrubbed = "SELECT event_time, search_query FROM " + database + ".personalization_service_log"
                + " WHERE search_query != '' ORDER BY event_time DESC LIMIT 5";
        StringBuilder t = new StringBuilder();
        t.append("\nSieve is running. Ctrl-C stops it.\n\n");
        t.append("Send events: app \"").append(appId).append("\", API key ").append(apiKey)
                .append(" (a demo key, new on every run)\n");
        t.append("  collector   ").append(collectorUrl).append("  (POST /v1/events, POST /v1/logs)\n");
        t.append("  curl -sS ").append(collectorUrl).append("/v1/events -H 'Authorization: Bearer ").append(apiKey)
                .append("' -H 'Content-Type: application/json' -d '").append(exampleBatch(exampleEventId, now))
                .append("'\n\n");
        t.append("Query what was stored (ClickHouse HTTP interface, database ").append(database).append("):\n");
        t.append("  clickhouse  ").append(clickHouseUrl).append('\n');
        t.append("  curl -sS '").append(clickHouseUrl).append("/?query=")
                .append(URLEncoder.encode(rowsPerTable, StandardCharsets.UTF_8)).append("'\n");
        t.append("  curl -sS ").append(clickHouseUrl).append("/ --data-binary \"").append(scrubbed).append("\"\n\n");
        t.append("Metrics and health:\n");
        t.append("  collector   ").append(collectorUrl).append("/metrics  ").append(collectorUrl)
                .append("/health/ready\n");
        metricsUrl.ifPresent(m -> t.append("  stages      ").append(m).append("/metrics  ").append(m)
                .append("/health  (enrich, anonymize, sink)\n"));
        t.append("Kafka: ").append(kafka).append('\n');
        t.append("Demo traffic: ").append(demo.orElse("off (the pipeline waits for your events)")).append('\n');
        return t.toString();
    }

    /** One service-log event as the collector's wire format wants it, on one line for the shell. */
    String exampleBatch(String eventId, Instant now) {
        return "{\"events\":[{\"family\":\"service_log\",\"event\":{\"envelope\":{\"event_id\":\"" + eventId
                + "\",\"event_time\":\"" + now.truncatedTo(ChronoUnit.MILLIS) + "\",\"app_id\":\"" + appId
                + "\",\"app_version\":\"1.0.0\",\"sdk_version\":\"curl\",\"region\":\"" + region
                + "\",\"subject_id\":\"user-000001\",\"device_id\":\"dev-curl-example\"},\"action\":\"SEARCH\","
                + "\"search_query\":\"" + EXAMPLE_SEARCH + "\"}}]}";
    }
}
