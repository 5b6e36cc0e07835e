package dev.sieve.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.ip.IpLiteral;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RangeTableGeoTest {

    private final RangeTableGeo geo = RangeTableGeo.bundled();

    @ParameterizedTest(name = "{0} -> {1}/{2}")
    @CsvSource(value = {"192.0.2.1, CN, BJ", "198.51.100.200, CN, SH", "203.0.113.5, CN, GD",
            "203.0.113.200, CN, ZJ", "2001:db8::1, CN, BJ", "2001:db8:85a3::1, CN, SH", "::ffff:192.0.2.9, CN, BJ"})
    void theMostSpecificRangeWins(String ip, String country, String subdivision) {
        assertThat(geo.locate(IpLiteral.parse(ip).orElseThrow()))
                .contains(new GeoLocation(country, subdivision));
    }

    @Test
    void addressesOutsideEveryRangeHaveNoLocation() {
        assertThat(geo.locate(IpLiteral.parse("8.8.8.8").orElseThrow())).isEqualTo(Optional.empty());
        assertThat(geo.locate(IpLiteral.parse("2001:db9::1").orElseThrow())).isEmpty();
    }

    @Test
    void aMalformedLineIsReportedWithItsNumber() {
        byte[] table = "# comment\n10.0.0.0/8,CN,BJ\nnot-a-cidr,CN,BJ\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RangeTableGeo.read(new ByteArrayInputStream(table), "ranges.csv"))
                .hasMessage("ranges.csv:3: expected cidr,country,subdivision");
    }
}
