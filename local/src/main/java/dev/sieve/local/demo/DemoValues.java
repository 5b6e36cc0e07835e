package dev.sieve.local.demo;

import java.util.List;
import java.util.Random;

/**
 * The vocabulary of the demo: devices, networks, software, searches, pages and failures as a notes app would
 * report them. Every address is from a documentation range (RFC 5737, RFC 3849), every domain is an
 * example domain, every phone number a fictional one (555-01xx), so nothing here is anybody's.
 */
final class DemoValues {

    private DemoValues() {}

    /** What a kind of device reports about itself. */
    enum Kind { PHONE, TABLET, DESKTOP, TV }

    /**
     * A device model as it reports itself.
     *
     * @param model      the model name the device sends
     * @param osName     its operating system, as the SDK would see it
     * @param osVersions versions seen in the wild, newest last
     * @param kind       what it is (enrich derives its own class from model and OS)
     * @param hardwareId whether the app may read a hardware identifier (IMEI-like) on it
     */
    record Model(String model, String osName, List<String> osVersions, Kind kind, boolean hardwareId) {}

    static final List<Model> MODELS = List.of(
            new Model("Pixel 9", "Android", List.of("15", "16.0.1"), Kind.PHONE, true),
            new Model("Pixel 8a", "Android", List.of("14", "15"), Kind.PHONE, true),
            new Model("Galaxy S24", "Android", List.of("14", "15"), Kind.PHONE, true),
            new Model("Xiaomi 14", "Android", List.of("14", "15"), Kind.PHONE, true),
            new Model("HUAWEI Mate 60", "HarmonyOS", List.of("4.2.0", "5.0.1"), Kind.PHONE, true),
            new Model("iPhone 15", "iOS", List.of("17.6.1", "18.1"), Kind.PHONE, false),
            new Model("iPhone 16 Pro", "iOS", List.of("18.1", "18.2"), Kind.PHONE, false),
            new Model("iPad Air", "iPadOS", List.of("17.7", "18.1"), Kind.TABLET, false),
            new Model("Galaxy Tab S9", "Android", List.of("14"), Kind.TABLET, false),
            new Model("MacBook Air", "macOS", List.of("14.7", "15.1"), Kind.DESKTOP, false),
            new Model("ThinkPad X1 Carbon", "Windows", List.of("10.0.22631", "10.0.26100"), Kind.DESKTOP, false),
            new Model("Apple TV 4K", "tvOS", List.of("18.1"), Kind.TV, false));

    static final List<String> APP_VERSIONS = List.of("4.2.1", "4.3.0", "5.0.0-beta.2");

    static final List<String> CARRIERS = List.of("China Mobile", "China Unicom", "China Telecom");

    static final List<String> INSTALL_SOURCES = List.of("app_store", "google_play", "huawei_appgallery",
            "preinstalled", "sideload");

    /** Package names of other software a device reports next to the app (policy 1.2.1 (2)). */
    static final List<String> OTHER_SOFTWARE = List.of("com.tencent.mm", "com.eg.android.AlipayGphone",
            "com.android.chrome", "com.apple.mobilesafari", "cn.wps.moffice_eng", "com.alibaba.android.rimet",
            "com.ss.android.ugc.aweme", "com.baidu.BaiduMap", "com.microsoft.teams", "us.zoom.videomeetings",
            "com.google.android.webview", "com.amazon.kindle");

    /** Components of the app that report their own version. */
    static final List<String> SOFTWARE_NAMES = List.of("notes", "notes", "notes", "notes-widget", "notes-sync");

    /** Search queries; some carry an e-mail address or a phone number, as people type them. */
    static final List<String> SEARCHES = List.of("grocery list", "meeting notes", "dumpling recipe",
            "tax receipts 2026", "trip to hangzhou", "book club", "wifi password", "project plan q1",
            "share notebook with li.wei@example.com", "call +1 202 555 0143 about the lease",
            "invoice for chen.jing@example.org", "passport renewal checklist", "birthday ideas",
            "notes from 2026-11-28", "reminder: dentist +1 415 555 0198", "packing list");

    /** Pages of the app, {@code {n}} standing for a note or notebook number. */
    static final List<String> PAGES = List.of("/notes", "/notes/{n}", "/notebooks/{n}", "/notebooks/{n}/share",
            "/search", "/settings/privacy", "/settings/account", "/help/articles/sync-conflicts", "/trash");

    /** Query strings apps and campaigns append: tracking parameters, session tokens. */
    static final List<String> QUERY_STRINGS = List.of("", "", "", "?utm_source=newsletter&utm_medium=email"
            + "&utm_campaign=winter-2026", "?ref=widget", "?fbclid=IwAR2xQe7bJ3kLm9", "?session=9f8e7d6c5b4a39281706",
            "?utm_source=wechat&utm_medium=share&from=timeline");

    static final List<String> REFERRERS = List.of("https://www.baidu.com/s?wd=notes+app+sync",
            "https://www.example.org/blog/best-notes-apps?utm_source=blog&utm_medium=referral",
            "https://mp.weixin.qq.example.com/s?__biz=MzA5NzY&mid=2651&idx=1", "https://search.example.net/?q=notes",
            "https://notes.example.com/notebooks/4821/share?invite=a1b2c3d4e5f6");

    /**
     * A failure an app reports: its code and message, {@code {subject}}, {@code {uuid}} and {@code {n}} standing
     * for what such messages quote.
     */
    record Failure(String code, String message) {}

    static final List<Failure> FAILURES = List.of(
            new Failure("SYNC_TIMEOUT", "sync timed out after 30000 ms contacting sync.notes.example.com"),
            new Failure("AUTH_EXPIRED", "session expired for {subject}, please sign in again"),
            new Failure("HTTP_503", "upstream 198.51.100.23 answered 503 Service Unavailable"),
            new Failure("DISK_FULL", "cannot save note {n}: no space left on device"),
            new Failure("NOTE_LOCKED", "java.lang.IllegalStateException: note {uuid} is locked by another device"),
            new Failure("PAYMENT_DECLINED", "card 4111 1111 1111 1111 was declined"),
            new Failure("SHARE_FAILED", "could not share notebook {n} with wang.fang@example.com: no such account"));

    /** Accounts outside the app that people call or message: fictional numbers and example domains. */
    static final List<String> EXTERNAL_PEERS = List.of("+1 202 555 0111", "+1 415 555 0177", "+1 646 555 0105",
            "zhang.min@example.net", "support@example.com");

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
