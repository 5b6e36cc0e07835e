package dev.sieve.anonymize.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrubUrlTest {

    private static final List<String> UTM = List.of("utm_source", "utm_medium", "utm_campaign");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://app.example.com/notes?token=abc#top | https://app.example.com/notes",
            "https://alice:s3cret@App.Example.com:8443/a/b | https://app.example.com:8443/a/b",
            "https://user:hunter2@example.com/ | https://example.com/",
            "https://ads.example.net/c?utm_source=news&uid=77&utm_medium=mail | https://ads.example.net/c?utm_source=news&utm_medium=mail",
            "https://ads.example.net/c?utm_source=alice%40example.com | https://ads.example.net/c?utm_source=%5Bemail%5D",
            "https://ads.example.net/c?utm_source=alice%2540example.com | https://ads.example.net/c?utm_source=%5Bemail%5D",
            "https://shop.example.com/users/12345678/orders/42 | https://shop.example.com/users/:id/orders/42",
            "https://shop.example.com/u/alice@example.com/cart | https://shop.example.com/u/:id/cart",
            "https://shop.example.com/u/alice%40example.com/cart | https://shop.example.com/u/:id/cart",
            "https://shop.example.com/d/38400000-8cf0-11bd-b23e-10b96e40000d | https://shop.example.com/d/:id",
            "https://shop.example.com/p/dev-5c1f/x | https://shop.example.com/p/:id/x",
            "https://notes.example.com/account/alice.smith/orders | https://notes.example.com/account/:id/orders",
            "https://notes.example.com/account/settings | https://notes.example.com/account/settings",
            "https://mail.example.com/mailbox/bob.jones/inbox | https://mail.example.com/mailbox/:id/inbox",
            "https://clinic.example.com/patients/zhang-wei | https://clinic.example.com/patients/:id",
            "http://3405803785/admin | http://[ip]/admin",
            "https://163.com/news | https://163.com/news",
            "https://0x7f.example.com/a | https://0x7f.example.com/a",
            "https://medium.example.com/@alice/post | https://medium.example.com/:id/post",
            "https://git.example.com/blob/9fceb02d0ae598e95dc970b74767f19372d61af8 | https://git.example.com/blob/:id",
            "https://cdn.example.com/s/k8f3j2h1g5l6m7n8 | https://cdn.example.com/s/:id",
            "https://t.me/alice_w | https://t.me/:id",
            "https://github.com/alice/repo | https://github.com/:id/repo",
            "https://www.linkedin.com/in/alice-smith | https://www.linkedin.com/in/:id",
            "https://twitter.com/home | https://twitter.com/home",
            "https://例子.测试/路径 | https://例子.测试/路径",
            "http://203.0.113.9/status | http://[ip]/status",
            "http://[2001:db8::1]:8080/status | http://[ip]:8080/status",
            "https://example.com | https://example.com"
    })
    void keepsWhereALinkPointsNotWhoFollowedIt(String url, String expected) {
        assertThat(ScrubUrl.apply(url, UTM, List.of("dev-5c1f"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"mailto:alice@example.com", "javascript:alert(1)", "data:text/plain,hi", "not a url",
            "/relative/path", "http://exa mple.com/"})
    void anythingButAnAbsoluteHierarchicalUrlBecomesNull(String url) {
        assertThat(ScrubUrl.apply(url, UTM, List.of())).isNull();
    }
}
