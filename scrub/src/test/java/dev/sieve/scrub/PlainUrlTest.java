package dev.sieve.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PlainUrl} takes apart only what {@link URI} takes apart, into exactly the parts {@link URI} gives. */
class PlainUrlTest {

    private static final List<String> STARTS = List.of("https://", "HTTP://", "h-t.t+p1://", "https:", "https:/",
            "//", "1http://", "https://a.", "https://-", "https://x@", "https://[::1]", "https://192.168.0.1",
            "https://example.com", "https://example.com:", "https://WWW.Example.COM:0080", "mailto:");
    /** The chars URLs are made of, and the ones that make a URL hard to read: escapes, brackets, space, non-ASCII. */
    private static final String CHARS = "aZ09-._~!*'();:@&=+$,/?#[]%%%2fE4 \t\"<>\\^`{|}\u00e9\u4e2d\u200b";

    @Test
    void takesApartTheUsualUrls() {
        for (String url : List.of("https://app.example.com/notes/12345?token=0123456789abcdef#top",
                "https://ads.example.net/c?utm_source=news&uid=42", "http://localhost:8080", "https://x.example",
                "https://x.example/a/%E2%80%8Balice%40example.com/b", "HTTPS://Shop.Example.com/?q=a+b&r=%2F")) {
            assertThat(PlainUrl.parts(url)).as(url).isNotNull().isEqualTo(fromUri(url));
        }
    }

    @Test
    void leavesEverythingElseToUri() {
        for (String url : List.of("https://user:pw@example.com/", "https://192.168.0.1/a", "https://[::1]/",
                "https://例え.jp/", "https://a_b.example/", "https://example.com:/", "https://example.com:123456/",
                "https://-a.example/", "https://a-.example/", "https://example.com./", "https://ex ample.com/",
                "https://example.com/a b", "https://example.com/%zz", "https://example.com/?a[]=1",
                "https://example.com/#a#b", "mailto:alice@example.com", "/relative/path", "https:///path")) {
            assertThat(PlainUrl.parts(url)).as(url).isNull();
        }
    }

    @Test
    void agreesWithUriOnEveryUrlItTakesApart() {
        SplittableRandom random = new SplittableRandom(20261205);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder url = new StringBuilder(STARTS.get(random.nextInt(STARTS.size())));
            int length = random.nextInt(24);
            for (int k = 0; k < length; k++) {
                url.append(random.nextInt(3) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            UrlParts plain = PlainUrl.parts(url.toString());
            if (plain != null) {
                taken++;
                assertThat(plain).as(url.toString()).isEqualTo(fromUri(url.toString()));
            }
        }
        assertThat(taken).as("URLs of the plain form among the generated ones").isGreaterThan(5_000);
    }

    private static UrlParts fromUri(String url) {
        try {
            return UrlParts.of(new URI(url));
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
