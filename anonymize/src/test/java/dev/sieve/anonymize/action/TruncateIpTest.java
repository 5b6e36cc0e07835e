package dev.sieve.anonymize.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TruncateIpTest {

    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource({
            "203.0.113.77, 24, 48, 203.0.113.0",
            "203.0.113.77, 16, 48, 203.0.0.0",
            "203.0.113.77, 0, 48, 0.0.0.0",
            "203.0.113.77, 32, 48, 203.0.113.77",
            "' 198.51.100.9 ', 24, 48, 198.51.100.0",
            "2001:db8:85a3:8d3:1319:8a2e:370:7348, 24, 48, 2001:db8:85a3::",
            "2001:DB8:85A3::8A2E:370:7334, 24, 48, 2001:db8:85a3::",
            "2001:db8:85a3:ffff::1, 24, 56, 2001:db8:85a3:ff00::",
            "[2001:db8::1], 24, 32, 2001:db8::",
            "fe80::1ff:fe23:4567:890a%eth0, 24, 64, fe80::",
            "::1, 24, 48, ::",
            "::ffff:192.0.2.128, 24, 48, 192.0.2.0",
            "::ffff:c000:0280, 24, 48, 192.0.2.0",
            "2001:db8::, 24, 128, 2001:db8::"
    })
    void keepsTheNetworkPart(String ip, int v4, int v6, String expected) {
        assertThat(TruncateIp.apply(ip, v4, v6)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"example.com", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "12:30", "not an ip",
            "２０３.0.113.1", "203.0.113.1/24", "::ffff:999.0.0.1"})
    void anythingThatIsNotAnAddressLiteralBecomesNull(String text) {
        assertThat(TruncateIp.apply(text, 24, 48)).isNull();
    }
}
