package dev.sieve.local.demo;

import com.sun.net.httpserver.HttpServer;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The collector's own intake behind a loopback HTTP endpoint, without Kafka: the SDK posts its
 * real wire format and each event is judged by exactly the rules the collector applies.
 */
final class CollectorRules implements AutoCloseable {

    private final HttpServer server;
    private final List<EventOutcome> outcomes = new ArrayList<>();

    CollectorRules(Policy policy, String appId) throws IOException {
        EventIntake intake = new EventIntake(policy, Limits.defaults());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/events", exchange -> {
            InputStream in = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            List<EventOutcome> batch;
            try {
                batch = intake.events(appId, Instant.now(), in.readAllBytes()).judge();
            } catch (RequestRefusedException e) {
                throw new IOException(e);
            }
            long accepted = batch.stream().filter(o -> o instanceof EventOutcome.Accepted).count();
            synchronized (outcomes) {
                outcomes.addAll(batch);
            }
            byte[] reply = ("{\"accepted\":" + accepted + ",\"rejected\":" + (batch.size() - accepted) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    List<EventOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
