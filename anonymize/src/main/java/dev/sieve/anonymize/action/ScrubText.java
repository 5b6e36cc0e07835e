package dev.sieve.anonymize.action;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scrub_text}: removes what identifies people from free text such as search strings and failure
 * messages — the event's own identifiers wherever they are quoted, e-mail addresses, IP addresses, UUIDs,
 * phone numbers (six to twelve digits, or up to fifteen after a {@code +}), card-like and other longer digit
 * runs, and long opaque tokens — and leaves a marker saying what was there.
 */
public final class ScrubText {

    /** Identifier values shorter than this are too common as words to remove by value. */
    static final int MIN_KNOWN_IDENTIFIER = 4;

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "[email]"),
            new Rule(Pattern.compile("\\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\b"),
                    "[id]"),
            new Rule(Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{0,4})"
                    + "(?![\\w:])"), "[ip]"),
            new Rule(Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"), "[ip]"),
            new Rule(Pattern.compile("(?<![\\w])(?=[A-Za-z0-9_-]*\\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}"),
                    "[token]"));
    /** Digits with the separators people write them with; at least six digits in all. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d[\\d\\s().-]*\\d");

    private record Rule(Pattern pattern, String marker) {}

    private ScrubText() {}

    /**
     * @param text             free text, or null
     * @param knownIdentifiers the event's own identifier values, removed wherever they occur (case-insensitive)
     */
    public static String apply(String text, Collection<String> knownIdentifiers) {
        if (text == null) {
            return null;
        }
        String out = removeKnown(text, knownIdentifiers);
        for (Rule r : RULES) {
            out = r.pattern.matcher(out).replaceAll(r.marker);
        }
        return digitRuns(out);
    }

    /** Replaces every case-insensitive occurrence of a known value, longest value first, without regular expressions. */
    private static String removeKnown(String text, Collection<String> known) {
        List<String> values = known.stream().filter(k -> k != null && k.length() >= MIN_KNOWN_IDENTIFIER)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        if (values.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        outer:
        while (i < text.length()) {
            for (String v : values) {
                if (text.regionMatches(true, i, v, 0, v.length())) {
                    out.append("[id]");
                    i += v.length();
                    continue outer;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }

    private static String digitRuns(String text) {
        Matcher m = DIGIT_RUN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long digits = m.group().chars().filter(Character::isDigit).count();
            boolean international = m.group().startsWith("+") && digits <= 15;
            String replacement = digits < 6 ? m.group() : international || digits <= 12 ? "[phone]" : "[number]";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Whether {@link #apply} would change {@code text}. */
    static boolean wouldChange(String text, Collection<String> knownIdentifiers) {
        return !apply(text, knownIdentifiers).equals(text);
    }
}
