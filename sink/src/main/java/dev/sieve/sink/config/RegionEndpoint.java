package dev.sieve.sink.config;

import java.util.Objects;

/**
 * The ClickHouse of one region.
 *
 * @param url      HTTP(S) endpoint, e.g. {@code https://clickhouse.cn-north.internal:8443}
 * @param user     user name
 * @param password password; {@link #toString()} never shows it
 */
public record RegionEndpoint(String url, String user, String password) {

    public RegionEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegionEndpoint[url=" + url + ", user=" + user + ", password=<redacted>]";
    }
}
