package dev.sieve.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import dev.sieve.schemas.ip.IpLiteral;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs {@link MaxMindGeo} against databases written by {@link MmdbWriter}, in both record sizes it writes. */
class MaxMindGeoTest {

    private static final Instant BUILD_TIME = Instant.parse("2024-05-01T00:00:00Z");

    // accuracy_radius (uint16) is there as in GeoLite2-City records; MaxMindGeo must ignore it.
    private static final Map<String, Object> GUANGDONG = Map.of(
            "country", Map.of("iso_code", "CN"),
            "subdivisions", List.of(Map.of("iso_code", "GD")),
            "location", Map.of("accuracy_radius", 100));
    private static final Map<String, Object> CALIFORNIA = Map.of(
            "country", Map.of("iso_code", "US"),
            "subdivisions", List.of(Map.of("iso_code", "CA")));
    // Only the first (largest) subdivision is reported.
    private static final Map<String, Object> NEW_YORK = Map.of(
            "country", Map.of("iso_code", "US"),
            "subdivisions", List.of(Map.of("iso_code", "NY"), Map.of("iso_code", "XX")));
    private static final Map<String, Object> NO_COUNTRY = Map.of("continent", Map.of("code", "NA"));
    private static final Map<String, Object> COUNTRY_WITHOUT_CODE = Map.of("country", Map.of("geoname_id", 1814991L));
    private static final Map<String, Object> GERMANY = Map.of("country", Map.of("iso_code", "DE"));
    private static final Map<String, Object> FRANCE = Map.of("country", Map.of("iso_code", "FR"));

    @TempDir
    Path dir;

    private Path database(int recordSize) throws IOException {
        Path file = dir.resolve("geo-" + recordSize + ".mmdb");
        // Nested networks go in most specific first, so the test fails if insertion order decided the winner.
        new MmdbWriter("Sieve-Test-City", recordSize, BUILD_TIME)
                .insert("198.51.100.200/32", NO_COUNTRY)
                .insert("198.51.100.128/25", NEW_YORK)
                .insert("198.51.100.0/24", CALIFORNIA)
                .insert("203.0.113.0/24", GUANGDONG)
                .insert("192.0.2.0/24", COUNTRY_WITHOUT_CODE)
                .insert("2001:db8:1::/48", FRANCE)
                .insert("2001:db8::/32", GERMANY)
                .write(file);
        return file;
    }

    private static Optional<GeoLocation> locate(MaxMindGeo geo, String ip) {
        return geo.locate(IpLiteral.parse(ip).orElseThrow());
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28})
    void locatesIpv4AddressesIncludingMappedOnes(int recordSize) throws IOException {
        try (MaxMindGeo geo = new MaxMindGeo(database(recordSize))) {
            GeoLocation guangdong = new GeoLocation("CN", "GD");
            assertThat(locate(geo, "203.0.113.0")).contains(guangdong);
            assertThat(locate(geo, "203.0.113.7")).contains(guangdong);
            assertThat(locate(geo, "203.0.113.255")).contains(guangdong);
            assertThat(locate(geo, "::ffff:203.0.113.7")).contains(guangdong);
        }
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28})
    void theMostSpecificNestedNetworkWins(int recordSize) throws IOException {
        try (MaxMindGeo geo = new MaxMindGeo(database(recordSize))) {
            assertThat(locate(geo, "198.51.100.0")).contains(new GeoLocation("US", "CA"));
            assertThat(locate(geo, "198.51.100.127")).contains(new GeoLocation("US", "CA"));
            assertThat(locate(geo, "198.51.100.128")).contains(new GeoLocation("US", "NY"));
            assertThat(locate(geo, "198.51.100.199")).contains(new GeoLocation("US", "NY"));
            assertThat(locate(geo, "198.51.100.201")).contains(new GeoLocation("US", "NY"));
            assertThat(locate(geo, "198.51.100.255")).contains(new GeoLocation("US", "NY"));
        }
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28})
    void locatesIpv6Addresses(int recordSize) throws IOException {
        try (MaxMindGeo geo = new MaxMindGeo(database(recordSize))) {
            GeoLocation germany = new GeoLocation("DE", null);
            assertThat(locate(geo, "2001:db8::")).contains(germany);
            assertThat(locate(geo, "2001:db8::1")).contains(germany);
            assertThat(locate(geo, "2001:db8:2::1")).contains(germany);
            assertThat(locate(geo, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).contains(germany);
            assertThat(locate(geo, "2001:db8:1::5")).contains(new GeoLocation("FR", null));
            assertThat(locate(geo, "2001:db8:1:ffff:ffff:ffff:ffff:ffff")).contains(new GeoLocation("FR", null));
        }
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28})
    void addressesOutsideEveryNetworkHaveNoLocation(int recordSize) throws IOException {
        try (MaxMindGeo geo = new MaxMindGeo(database(recordSize))) {
            for (String ip : List.of("203.0.112.255", "203.0.114.0", "198.51.99.255", "8.8.8.8", "0.0.0.0",
                    "255.255.255.255", "::ffff:8.8.8.8", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::",
                    "::", "::1", "ffff::1")) {
                assertThat(locate(geo, ip)).as(ip).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28})
    void aRecordWithoutACountryCodeHasNoLocation(int recordSize) throws IOException {
        try (MaxMindGeo geo = new MaxMindGeo(database(recordSize))) {
            assertThat(locate(geo, "198.51.100.200")).isEmpty();
            assertThat(locate(geo, "192.0.2.1")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28})
    void theReaderDecodesTheWrittenRecordsAndMetadata(int recordSize) throws IOException {
        try (Reader reader = new Reader(database(recordSize).toFile())) {
            // Integer and Long come back as written: the uint16 and uint32 encodings are the ones the reader expects.
            assertThat(reader.get(IpLiteral.parse("203.0.113.1").orElseThrow(), Map.class)).isEqualTo(GUANGDONG);
            assertThat(reader.get(IpLiteral.parse("192.0.2.1").orElseThrow(), Map.class))
                    .isEqualTo(COUNTRY_WITHOUT_CODE);

            Metadata metadata = reader.getMetadata();
            assertThat(metadata.getBinaryFormatMajorVersion()).isEqualTo(2);
            assertThat(metadata.getBinaryFormatMinorVersion()).isZero();
            assertThat(metadata.getBuildDate()).isEqualTo(Date.from(BUILD_TIME));
            assertThat(metadata.getDatabaseType()).isEqualTo("Sieve-Test-City");
            assertThat(metadata.getDescription()).containsOnlyKeys("en");
            assertThat(metadata.getIpVersion()).isEqualTo(6);
            assertThat(metadata.getLanguages()).containsExactly("en");
            // maxmind-db 3.1.1 keeps the record size and node count package-private; toString shows them.
            assertThat(metadata.toString()).contains("recordSize=" + recordSize);
        }
    }

    @Test
    void twentyEightBitRecordsReachDataBeyondTwentyFourBits() throws IOException {
        // 8000::/1 is the root's right record, so its 16 MiB record is written first and pushes the next one
        // past 2^24: only the high nibbles in the middle byte of a 28-bit node can point at it.
        Map<String, Object> padding = Map.of("padding", "x".repeat(1 << 24));
        Path file = dir.resolve("large.mmdb");
        new MmdbWriter("Sieve-Test-City", 28, BUILD_TIME)
                .insert("8000::/1", padding)
                .insert("203.0.113.0/24", GUANGDONG)
                .insert("2001:db8::/32", GERMANY)
                .write(file);
        try (MaxMindGeo geo = new MaxMindGeo(file)) {
            assertThat(locate(geo, "203.0.113.7")).contains(new GeoLocation("CN", "GD"));
            assertThat(locate(geo, "2001:db8::1")).contains(new GeoLocation("DE", null));
        }
        MmdbWriter small = new MmdbWriter("Sieve-Test-City", 24, BUILD_TIME).insert("8000::/1", padding)
                .insert("203.0.113.0/24", GUANGDONG);
        assertThatThrownBy(() -> small.write(dir.resolve("too-large.mmdb"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneIpv4NetworkTakesOneNodePerBitOfItsPrefixUnderTheIpv6Root() throws IOException {
        Path file = dir.resolve("one.mmdb");
        new MmdbWriter("Sieve-Test-City", 28, BUILD_TIME).insert("203.0.113.0/24", GUANGDONG).write(file);
        try (Reader reader = new Reader(file.toFile())) {
            assertThat(reader.getMetadata().toString()).contains("nodeCount=120"); // 96 bits of ::/96, then 24
        }
    }
}
