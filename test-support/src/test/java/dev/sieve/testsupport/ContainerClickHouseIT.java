package dev.sieve.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs where Docker exists; skipped with "Docker not available: ..." elsewhere. */
class ContainerClickHouseIT {

    @RegisterExtension
    static final ContainerClickHouse CLICKHOUSE = new ContainerClickHouse();

    @Test
    void answersAQueryOverHttp() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(CLICKHOUSE.httpEndpoint() + "/"))
                .header("X-ClickHouse-User", CLICKHOUSE.username())
                .header("X-ClickHouse-Key", CLICKHOUSE.password())
                .POST(HttpRequest.BodyPublishers.ofString("SELECT version() LIKE '26.9.%', 40 + 2 FORMAT TSV"))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1\t42\n");
    }
}
