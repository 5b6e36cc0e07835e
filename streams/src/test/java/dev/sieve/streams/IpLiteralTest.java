package dev.sieve.streams;

import static org.assertj.core.api.Assertions.assertThat;

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
}
