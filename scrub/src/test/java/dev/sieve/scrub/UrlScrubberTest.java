package dev.sieve.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UrlScrubberTest {

    private static final Scrubber ROUTED = new Scrubber(Set.of("CN"), Map.of(
            "notes", List.of("/account/:user/orders", "/notes/:note", "/settings/profile")));

    @Test
    void aMatchingRouteTemplateWinsOverTheHeuristics() {
        assertThat(ROUTED.url("https://n.example.com/account/alice/orders?x=1", List.of(), List.of(), "notes"))
                .isEqualTo("https://n.example.com/account/:user/orders");
        assertThat(ROUTED.url("https://n.example.com/Notes/7f%20x", List.of(), List.of(), "notes"))
                .isEqualTo("https://n.example.com/notes/:note");
        assertThat(ROUTED.url("https://n.example.com/settings/profile", List.of(), List.of(), "notes"))
                .as("a template without placeholders keeps a path the heuristics would keep too")
                .isEqualTo("https://n.example.com/settings/profile");
    }

    @Test
    void templatesOnlyApplyToTheirAppAndToPathsOfTheirShape() {
        assertThat(ROUTED.url("https://n.example.com/notes/a/b", List.of(), List.of(), "notes"))
                .isEqualTo("https://n.example.com/notes/a/b");
        assertThat(ROUTED.url("https://n.example.com/account/alice/orders", List.of(), List.of(), "shop"))
                .as("heuristics for another app").isEqualTo("https://n.example.com/account/:id/orders");
        assertThat(ROUTED.url("https://n.example.com/account/alice/orders", List.of(), List.of(), null))
                .isEqualTo("https://n.example.com/account/:id/orders");
    }

    @Test
    void aPathSegmentHoldingAnIdentifierInAnyEncodingBecomesThePlaceholder() {
        assertThat(ROUTED.url("https://x.example/a/%E2%80%8Balice%40example.com/b/13800138000/c", List.of(),
                List.of(), null)).isEqualTo("https://x.example/a/:id/b/:id/c");
    }

    @Test
    void anIpv4AddressWrittenIntoTheHostNameBecomesTheMarker() {
        assertThat(ROUTED.url("http://203.0.113.42.nip.io/app", List.of(), List.of(), null))
                .isEqualTo("http://[ip].nip.io/app");
        assertThat(ROUTED.url("https://ec2-203-0-113-42.compute-1.example.com/x", List.of(), List.of(), null))
                .isEqualTo("https://ec2-[ip].compute-1.example.com/x");
        assertThat(ROUTED.url("https://cdn-2024-01-05-1.example.com/x", List.of(), List.of(), null))
                .as("no octet above 255: a date").isEqualTo("https://cdn-2024-01-05-1.example.com/x");
    }

    @Test
    void aSegmentHoldingAnEncodedSlashIsJudgedPieceByPiece() {
        assertThat(ROUTED.url("https://n.example.com/u%2Falice_smith/x", List.of(), List.of(), null))
                .isEqualTo("https://n.example.com/:id/x");
        assertThat(ROUTED.url("https://n.example.com/help%2Fstart", List.of(), List.of(), null))
                .isEqualTo("https://n.example.com/help%2Fstart");
    }

    @Test
    void allowListedValuesAreScrubbedAsText() {
        assertThat(ROUTED.url("https://x.example/?q=call+13800138000+or+alice%40example.com&drop=1",
                List.of("q"), List.of(), null)).isEqualTo("https://x.example/?q=call+%5Bphone%5D+or+%5Bemail%5D");
    }

    @Test
    void aUrlSeenAgainWithTheSameIdentifiersAndAppIsRememberedAndOnlyThen() {
        Scrubber scrubber = new Scrubber(Set.of("CN"), Map.of("notes", List.of("/r/:ref")));
        String url = "https://ads.example.net/r/dev-0000042?utm_source=news&q=hello+zhangwei88+13800138000&uid=42";
        KnownIdentifiers device = scrubber.known(List.of("dev-0000042", "zhangwei88"));
        List<String> allow = List.of("utm_source", "q");

        ScrubbedUrl first = scrubber.urlBase(url, device, "shop");
        String firstWithQuery = scrubber.url(first, allow, device);
        ScrubbedUrl again = scrubber.urlBase(url, device, "shop");

        assertThat(again).as("remembered").isSameAs(first);
        assertThat(scrubber.url(again, allow, device)).isEqualTo(firstWithQuery)
                .isEqualTo(new Scrubber(Set.of("CN"), Map.of()).url(url, allow, List.of("dev-0000042", "zhangwei88"), "shop"))
                .isEqualTo("https://ads.example.net/r/:id?utm_source=news&q=hello+%5Bid%5D+%5Bphone%5D");
        assertThat(scrubber.url(again, List.of("uid"), device)).as("another allow-list is answered afresh")
                .isEqualTo("https://ads.example.net/r/:id?uid=42");
        assertThat(scrubber.url(scrubber.urlBase(url, device, "notes"), List.of(), device))
                .as("another app: its route templates").isEqualTo("https://ads.example.net/r/:ref");
        KnownIdentifiers other = scrubber.known(List.of("dev-0000043"));
        ScrubbedUrl otherDevice = scrubber.urlBase(url, other, "shop");
        assertThat(otherDevice).as("other identifiers: scrubbed again").isNotSameAs(first);
        assertThat(scrubber.url(otherDevice, allow, other))
                .isEqualTo("https://ads.example.net/r/:id?utm_source=news&q=hello+zhangwei88+%5Bphone%5D");
    }
}
