package dev.sieve.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server on the loopback interface that answers like a collector would, one scripted answer per
 * request, and records what it received. For testing the client's batching and retry behaviour without a
 * collector and Kafka (those are tested together in the ingest module's integration tests).
 */
final class StubCollector implements AutoCloseable {

    /** A scripted answer: status, headers, body; or {@link #HANG} to never answer. */
    record Answer(int status, Map<String, String> headers, String body) {}

    static final Answer HANG = new Answer(-1, Map.of(), "");

    /** One request as received. */
    record Received(String path, Map<String, List<String>> headers, String json) {

        /** Event ids in the batch, in order. */
        List<String> eventIds() {
            List<String> ids = new ArrayList<>();
            Map<?, ?> root = (Map<?, ?>) JsonReader.parse(json);
            for (Object item : (List<?>) root.get("events")) {
                Map<?, ?> event = (Map<?, ?>) ((Map<?, ?>) item).get("event");
                ids.add((String) ((Map<?, ?>) event.get("envelope")).get("event_id"));
            }
            return ids;
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle); // every path: the event batches and the rights calls
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    StubCollector then(Answer answer) {
        script.add(answer);
        return this;
    }

    List<Received> received() {
        return received;
    }

    List<String> receivedEventIds() {
        List<String> ids = new ArrayList<>();
        received.forEach(r -> ids.addAll(r.eventIds()));
        return ids;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        InputStream in = new ByteArrayInputStream(body);
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        Received r = new Received(exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(in.readAllBytes(), StandardCharsets.UTF_8));
        received.add(r);
        Answer answer = script.poll();
        // When the script has run out: accept every event.
        if (answer == null) {
            int n = r.eventIds().size();
            answer = new Answer(200, Map.of(), "{\"accepted\":" + n + ",\"rejected\":0,\"results\":[]}");
        }
        if (answer == HANG) {
            try {
                TimeUnit.MINUTES.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
