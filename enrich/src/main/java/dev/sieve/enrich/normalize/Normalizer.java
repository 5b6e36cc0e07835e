package dev.sieve.enrich.normalize;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical forms, so that one thing is spelled one way in every table: trimmed text, one name per operating
 * system, versions without decoration, event times no later than the collector saw them.
 */
public final class Normalizer {

    private static final Map<String, String> OS_NAMES = Map.ofEntries(
            Map.entry("android", "Android"),
            Map.entry("ios", "iOS"),
            Map.entry("iphone os", "iOS"),
            Map.entry("ipados", "iPadOS"),
            Map.entry("harmonyos", "HarmonyOS"),
            Map.entry("windows", "Windows"),
            Map.entry("macos", "macOS"),
            Map.entry("mac os x", "macOS"),
            Map.entry("os x", "macOS"),
            Map.entry("linux", "Linux"),
            Map.entry("chromeos", "ChromeOS"),
            Map.entry("tvos", "tvOS"));
    /** Any run of white space, the no-break and other Unicode spaces included. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern VERSION = Pattern.compile("^[vV]?\\s*([0-9][0-9A-Za-z.+_-]*)");

    private final Duration maxFutureSkew;

    /** @param maxFutureSkew how far ahead of the collector's clock a device's clock may run before it is corrected */
    public Normalizer(Duration maxFutureSkew) {
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
        this.maxFutureSkew = maxFutureSkew;
    }

    /** Trimmed, inner whitespace collapsed; blank becomes null. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = isCollapsed(s) ? s : WHITESPACE.matcher(s).replaceAll(" ").strip();
        return t.isEmpty() ? null : t;
    }

    /**
     * Whether {@link #text} would return the text as it is: no white space at either end ({@link String#strip}'s),
     * and inside none but single plain spaces. Most values are, and need no pattern; a control character sends the
     * text to the pattern too, which is always right.
     */
    private static boolean isCollapsed(String s) {
        int last = s.length() - 1;
        if (last >= 0 && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(last)))) {
            return false;
        }
        for (int i = 0; i <= last; i++) {
            char c = s.charAt(i);
            if (c == ' ' ? s.charAt(i - 1) == ' ' : c < ' ' || Character.isSpaceChar(c)) {
                return false;
            }
        }
        return true;
    }

    /** Like {@link #text(String)} for fields that may not be null: blank stays empty. */
    public static String requiredText(String s) {
        String t = text(s);
        return t == null ? "" : t;
    }

    /** One spelling per operating system family ({@code "iPhone OS"} and {@code "ios"} are {@code "iOS"}). */
    public static String osName(String s) {
        String t = text(s);
        if (t == null) {
            return null;
        }
        return OS_NAMES.getOrDefault(t.toLowerCase(Locale.ROOT), t);
    }

    /** The version number without prefix or suffix: {@code " v16.0.1 (build 7)"} is {@code "16.0.1"}. */
    public static String version(String s) {
        String t = text(s);
        if (t == null) {
            return null;
        }
        Matcher m = VERSION.matcher(t);
        return m.find() ? m.group(1) : t;
    }

    /**
     * The event time to store: the device's own, unless its clock ran ahead of the collector's by more than
     * the allowed skew, in which case the receive time is the better estimate.
     */
    public Instant eventTime(Instant eventTime, Instant receivedTime) {
        if (receivedTime != null && eventTime.isAfter(receivedTime.plus(maxFutureSkew))) {
            return receivedTime;
        }
        return eventTime;
    }
}
