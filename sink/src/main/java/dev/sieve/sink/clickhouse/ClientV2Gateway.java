package dev.sieve.sink.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.sieve.sink.store.StoreFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The production gateway: ClickHouse's official Java client (client-v2, HTTP). Inserts go through
 * {@code Client.insert(table, columns, stream, format, settings)}, whose statement text
 * {@link InsertRequest#sql()} reproduces, with the request settings as HTTP parameters. The client's own
 * retries are off: the sink's {@link dev.sieve.sink.write.Retrying} decides, so every attempt is counted.
 */
public final class ClientV2Gateway implements ClickHouseGateway {

    /** Longest a single statement may take; mutations for erasure run synchronously and can take a while. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Client client;
    private final Duration timeout;

    public ClientV2Gateway(Client client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * @param endpoint e.g. {@code https://clickhouse.cn-north.internal:8443}
     * @param user     user name
     * @param password password (never logged)
     */
    public static ClientV2Gateway connect(String endpoint, String user, String password, Duration timeout) {
        Client client = new Client.Builder()
                .addEndpoint(endpoint)
                .setUsername(user)
                .setPassword(password)
                .setMaxRetries(0)
                .setSocketTimeout(timeout.toMillis())
                .build();
        return new ClientV2Gateway(client, timeout);
    }

    @Override
    public void execute(String sql) {
        try {
            CommandResponse response = await(client.execute(sql));
            response.close(); // it carries only statistics
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public String query(String sql, String format) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.valueOf(format));
        try {
            QueryResponse response = await(client.query(sql, settings));
            try (InputStream body = response.getInputStream()) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                response.close();
            }
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public void query(String sql, String format, ResultReader reader) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.valueOf(format));
        QueryResponse response;
        try {
            response = await(client.query(sql, settings));
        } catch (Exception e) {
            throw failure(e);
        }
        try (response; InputStream body = response.getInputStream()) {
            reader.read(body);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (Exception e) {
            // Reading the body is ClickHouse's side unless the reader says otherwise (UncheckedIOException).
            throw failure(e);
        }
    }

    @Override
    public void insert(InsertRequest request) {
        InsertSettings settings = new InsertSettings();
        for (Map.Entry<String, String> s : request.settings().entrySet()) {
            settings.serverSetting(s.getKey(), s.getValue());
        }
        try {
            InsertResponse acknowledged = await(client.insert(request.table(), request.columns(),
                    new ByteArrayInputStream(request.payload()), ClickHouseFormat.valueOf(request.format()), settings));
            acknowledged.close();
        } catch (Exception e) {
            throw failure(e);
        }
    }

    private <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Server errors keep their code and (redacted) text; anything else is the network's fault: transient. */
    static StoreFailure failure(Exception e) {
        if (e instanceof StoreFailure f) {
            return f;
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ServerException server) {
                return ClickHouseErrors.fromServer(server.getCode(), String.valueOf(server.getMessage()));
            }
            cause = cause.getCause();
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String what = e instanceof TimeoutException ? "no answer in time" : e.getClass().getSimpleName();
        return new StoreFailure(StoreFailure.Kind.TRANSIENT, -1,
                "ClickHouse unreachable: " + what + (e.getMessage() == null || e instanceof IOException ? ""
                        : ": " + ClickHouseErrors.redact(e.getMessage())));
    }

    @Override
    public void close() {
        client.close();
    }
}
