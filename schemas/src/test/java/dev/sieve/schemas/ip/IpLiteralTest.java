package dev.sieve.schemas.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"192.0.2.1, 192.0.2.1", "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "::, ::", "::1, ::1", "fe80::1%en0, fe80::1",
            "[2001:db8::7], 2001:db8::7", "::ffff:198.51.100.7, 198.51.100.7", "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6"})
    void parsesLiteralsAndFormatsThemCanonically(String text, String canonical) {
        assertThat(IpLiteral.parse(text).map(IpLiteral::format)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "1.2.3", "01.2.3.4", "1.2.3.256", "::g", "", " "})
    void hostNamesAndMalformedTextAreRefusedWithoutALookup(String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }

    @Test
    void ipv6BytesMapIpv4AndKeepIpv6() {
        assertThat(IpLiteral.toIpv6Bytes("203.0.113.0")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
                203, 0, 113, 0);
        assertThat(IpLiteral.toIpv6Bytes("::ffff:203.0.113.9")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff,
                0xff, 203, 0, 113, 9);
        assertThat(IpLiteral.toIpv6Bytes("2001:db8:85a3::")).containsExactly(0x20, 0x01, 0x0d, 0xb8, 0x85, 0xa3, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "256.1.1.1", "example.org", "1.2.3.4.5", "", "user@203.0.113.9"})
    void ipv6BytesRefuseWhatIsNotALiteralWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> IpLiteral.toIpv6Bytes(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IP address");
    }
}
