package dev.sieve.scrub;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Map;

/**
 * The text recognizers read: NFKC-normalized (so fullwidth {@code ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ} reads as ASCII),
 * letters of other scripts that imitate ASCII letters as those letters ({@link LookAlikes}: a Cyrillic {@code а}
 * as {@code a}), digits of every script as ASCII digits, ideographic full stops as dots, middle dots and bullets
 * between ASCII letters and digits as dots,
 * percent-, HTML-entity- (numeric and the named ones of punctuation), {@code \\u}-, {@code %u}- and
 * {@code \\x}-escape-decoded (one extra level for {@code %25XX}), JSON's {@code \\/} read as {@code /}, defanged
 * dots ({@code [.]}, {@code (.)}, {@code {.}}, as threat reports write addresses so they do not link) read as dots,
 * every kind of white space (tabs, line breaks, Unicode spaces) as a space and every kind of dash (en and em dashes,
 * the minus sign) as {@code -}, and an underscore between digits as {@code -}, so a number broken over lines, typeset
 * with dashes or grouped with underscores reads as typed, lower-cased,
 * without format characters (zero-width spaces, soft hyphens) or combining marks. Every normalized char keeps the
 * range of original chars it came from, so a match replaces the ORIGINAL span, whatever encoding it was written in.
 *
 * <p>One pass; each original char is read a bounded number of times.
 */
final class NormalizedText {

    /** {@code 。} and its halfwidth form, which Chinese text writes where a domain name has its dots. */
    private static final int IDEOGRAPHIC_FULL_STOP = 0x3002;
    private static final int HALFWIDTH_IDEOGRAPHIC_FULL_STOP = 0xFF61;
    /**
     * Middle dots and bullets ({@code ·}, {@code •}, {@code ‧}, {@code ・}, {@code ∙}, {@code ⋅}), read as dots between
     * ASCII letters and digits ({@code example·com}); elsewhere ({@code 乔治·华盛顿}) they stay.
     */
    private static final String MIDDLE_DOTS = "\u00b7\u2022\u2027\u30fb\u2219\u22c5";
    /** {@code −}, which is no dash to Unicode (a math symbol) but is typeset where a hyphen was typed. */
    private static final int MINUS_SIGN = 0x2212;
    /** The line break of EBCDIC and some log formats, which Java does not count as white space. */
    private static final int NEXT_LINE = 0x85;
    /** Longest numeric entity read, {@code &#x10FFFF;}, and longest named entity. */
    private static final int MAX_ENTITY = 10;
    /** The HTML named entities of the chars identifiers are written with. */
    private static final Map<String, Character> NAMED_ENTITIES = Map.ofEntries(Map.entry("commat", '@'),
            Map.entry("period", '.'), Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'),
            Map.entry("quot", '"'), Map.entry("apos", '\''), Map.entry("nbsp", ' '), Map.entry("colon", ':'),
            Map.entry("sol", '/'), Map.entry("plus", '+'), Map.entry("lowbar", '_'), Map.entry("hyphen", '-'),
            Map.entry("dash", '-'), Map.entry("num", '#'), Map.entry("percnt", '%'), Map.entry("equals", '='),
            Map.entry("quest", '?'), Map.entry("comma", ','));

    private final String original;
    private final String text;
    /** Null when every normalized char is the original char at the same offset, lower-cased. */
    private final int[] from;
    private final int[] to;

    private NormalizedText(String original, String text, int[] from, int[] to) {
        this.original = original;
        this.text = text;
        this.from = from;
        this.to = to;
    }

    static NormalizedText of(String original) {
        if (plainAscii(original)) {
            return new NormalizedText(original, digitUnderscores(lowerAscii(original)), null, null);
        }
        return new Builder(original).build();
    }

    /**
     * Whether normalizing {@code s} only lower-cases it, char for char: ASCII without the chars that open an escape
     * or a carriage return (of a Windows line break, which becomes one space).
     * Most text is, and is then normalized without a decoder or offset tables.
     */
    private static boolean plainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '%' || c == '&' || c == '\\' || c == '\r'
                    || (c == '.' && defangedDot(s, i - 1) > 0)) {
                return false;
            }
        }
        return true;
    }

    /** End of a defanged dot ({@code [.]}, {@code (.)}, {@code {.}}) opening at {@code i}; -1 when there is none. */
    private static int defangedDot(String s, int i) {
        if (i < 0 || i + 2 >= s.length() || s.charAt(i + 1) != '.') {
            return -1;
        }
        char open = s.charAt(i);
        char close = s.charAt(i + 2);
        boolean pair = (open == '[' && close == ']') || (open == '(' && close == ')') || (open == '{' && close == '}');
        return pair ? i + 3 : -1;
    }

    /** {@code s} lower-cased and its white space made spaces, char for char. */
    private static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (lowerAscii(c) != c) {
                char[] chars = s.toCharArray();
                for (int k = i; k < chars.length; k++) {
                    chars[k] = lowerAscii(chars[k]);
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** An ASCII char lower-cased, or a space for ASCII white space (tab, line feed, carriage return...). */
    private static char lowerAscii(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        return c < ' ' && Character.isWhitespace(c) ? ' ' : c;
    }

    /**
     * {@code s} with each underscore between two digits made a hyphen, char for char: {@code 138_0013_8000} is a
     * number grouped as {@code 138-0013-8000} is, which the number recognizers read.
     */
    private static String digitUnderscores(String s) {
        int u = s.indexOf('_');
        if (u < 0) {
            return s;
        }
        char[] chars = null;
        for (int i = Math.max(u, 1); i + 1 < s.length(); i++) {
            if (s.charAt(i) == '_' && Chars.digit(s.charAt(i - 1)) && Chars.digit(s.charAt(i + 1))) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = '-';
            }
        }
        return chars == null ? s : new String(chars);
    }

    /** The normalized text. */
    String text() {
        return text;
    }

    String original() {
        return original;
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    /** Original offset where normalized char {@code i} begins. */
    int originalStart(int i) {
        if (from == null) {
            return Math.min(i, original.length());
        }
        return i < from.length ? from[i] : original.length();
    }

    /** Original offset just past normalized chars {@code [.., end)}. */
    int originalEnd(int end) {
        if (to == null) {
            return end;
        }
        return end == 0 ? 0 : to[end - 1];
    }

    /** The original text that normalized {@code [start, end)} came from. */
    String originalSpan(int start, int end) {
        return original.substring(originalStart(start), originalEnd(end));
    }

    private static final class Builder {
        private final String in;
        private final StringBuilder out;
        private int[] from;
        private int[] to;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

        Builder(String in) {
            this.in = in;
            this.out = new StringBuilder(in.length());
            this.from = new int[in.length() + 8];
            this.to = new int[in.length() + 8];
        }

        NormalizedText build() {
            int i = 0;
            while (i < in.length()) {
                i = decodeAt(i);
            }
            int n = out.length();
            return new NormalizedText(in, digitUnderscores(out.toString()), Arrays.copyOf(from, n),
                    Arrays.copyOf(to, n));
        }

        /** Appends what the original text at {@code i} means; returns where the next unread char is. */
        private int decodeAt(int i) {
            char c = in.charAt(i);
            if (c == '%') {
                int end = percent(i);
                if (end > i) {
                    return end;
                }
            } else if (c == '&' && i + 2 < in.length() && in.charAt(i + 1) == '#') {
                int end = entity(i);
                if (end > i) {
                    return end;
                }
            } else if (c == '&') {
                int end = namedEntity(i);
                if (end > i) {
                    return end;
                }
            } else if (c == '[' || c == '(' || c == '{') {
                int end = defangedDot(in, i);
                if (end > i) {
                    append('.', i, end);
                    return end;
                }
            } else if (c == '\\' && i + 1 < in.length() && in.charAt(i + 1) == '/') {
                append('/', i, i + 2); // JSON's escaped slash: https:\/\/example.com\/u\/alice
                return i + 2;
            } else if (c == '\\' && i + 3 < in.length() && (in.charAt(i + 1) == 'x' || in.charAt(i + 1) == 'X')) {
                int cp = hex(i + 2, i + 4);
                if (cp >= 0) {
                    append(cp, i, i + 4);
                    return i + 4;
                }
            }
            // backslash-u escapes, and %uXXXX as old IIS servers and JavaScript's escape() write them
            boolean uEscape = (c == '\\' || c == '%') && i + 5 < in.length()
                    && (in.charAt(i + 1) == 'u' || in.charAt(i + 1) == 'U');
            if (uEscape) {
                int cp = hex(i + 2, i + 6);
                if (cp >= 0) {
                    append(cp, i, i + 6);
                    return i + 6;
                }
            }
            int cp = in.codePointAt(i);
            int next = i + Character.charCount(cp);
            append(cp, i, next);
            return next;
        }

        /** Decodes a run of {@code %XX} escapes forming one code point; returns {@code i} when there is none. */
        private int percent(int i) {
            int lead = escapedByte(i);
            if (lead < 0) {
                return i;
            }
            int j = i + (lead >> 16);
            int length = utf8Length(lead & 0xFF);
            byte[] bytes = new byte[length];
            bytes[0] = (byte) lead;
            for (int n = 1; n < length; n++) {
                int b = j < in.length() && in.charAt(j) == '%' ? escapedByte(j) : -1;
                if (b < 0) {
                    return i;
                }
                bytes[n] = (byte) b;
                j += b >> 16;
            }
            int cp = utf8(bytes);
            if (cp < 0) {
                return i;
            }
            append(cp, i, j);
            return j;
        }

        /** How many bytes the UTF-8 sequence led by {@code lead} takes (1 for a stray continuation byte). */
        private static int utf8Length(int lead) {
            if (lead >= 0xF0 && lead < 0xF8) {
                return 4;
            }
            if (lead >= 0xE0) {
                return lead < 0xF0 ? 3 : 1;
            }
            return lead >= 0xC0 ? 2 : 1;
        }

        /**
         * The byte escaped at {@code j} ({@code %XX}, or {@code %25XX} once more encoded) in the low 8 bits, and how
         * many chars it takes shifted left by 16; -1 when it is no escape.
         */
        private int escapedByte(int j) {
            int b = hex(j + 1, j + 3);
            if (b == 0x25) {
                int inner = hex(j + 3, j + 5);
                if (inner >= 0) {
                    return inner | (5 << 16);
                }
            }
            return b < 0 ? -1 : b | (3 << 16);
        }

        private int utf8(byte[] bytes) {
            if (bytes.length == 1) {
                return bytes[0] >= 0 ? bytes[0] : -1;
            }
            try {
                CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes));
                return chars.length() == 0 ? -1 : Character.codePointAt(chars, 0);
            } catch (CharacterCodingException e) {
                return -1;
            }
        }

        /** Decodes {@code &#DDD;} or {@code &#xHH;}; returns {@code i} when there is none. */
        private int entity(int i) {
            int j = i + 2;
            boolean hexDigits = j < in.length() && (in.charAt(j) == 'x' || in.charAt(j) == 'X');
            if (hexDigits) {
                j++;
            }
            int start = j;
            long cp = 0;
            while (j < in.length() && j - i <= MAX_ENTITY && Character.digit(in.charAt(j), hexDigits ? 16 : 10) >= 0
                    && in.charAt(j) < 0x80) {
                cp = cp * (hexDigits ? 16 : 10) + Character.digit(in.charAt(j), hexDigits ? 16 : 10);
                j++;
            }
            if (j == start || j >= in.length() || in.charAt(j) != ';' || !Character.isValidCodePoint((int) cp)
                    || cp > Character.MAX_CODE_POINT) {
                return i;
            }
            append((int) cp, i, j + 1);
            return j + 1;
        }

        /** Decodes a named entity of {@link #NAMED_ENTITIES} ({@code &commat;}); returns {@code i} when there is none. */
        private int namedEntity(int i) {
            int j = i + 1;
            while (j < in.length() && j - i <= MAX_ENTITY && Chars.asciiLetter(Character.toLowerCase(in.charAt(j)))) {
                j++;
            }
            if (j == i + 1 || !Chars.at(in, j, ';')) {
                return i;
            }
            Character named = NAMED_ENTITIES.get(in.substring(i + 1, j));
            if (named == null) {
                return i;
            }
            append(named, i, j + 1);
            return j + 1;
        }

        /** The value of the ASCII hex digits in {@code [start, end)}, or -1. */
        private int hex(int start, int end) {
            if (end > in.length()) {
                return -1;
            }
            int v = 0;
            for (int k = start; k < end; k++) {
                char c = in.charAt(k);
                int d = c < 0x80 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    return -1;
                }
                v = v * 16 + d;
            }
            return v;
        }

        /** Appends code point {@code cp}, read from original {@code [start, end)}, normalized. */
        private void append(int cp, int start, int end) {
            if (cp == '\r' && Chars.at(in, end, '\n')) {
                extendPrevious(end); // a Windows line break is one break, as a separator between digit groups
                return;
            }
            if (cp < 0x80) {
                put(lowerAscii((char) cp), start, end);
                return;
            }
            int type = Character.getType(cp);
            if (type == Character.DECIMAL_DIGIT_NUMBER) {
                put('0' + Character.digit(cp, 10), start, end);
                return;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == NEXT_LINE) {
                put(' ', start, end);
                return;
            }
            if (type == Character.DASH_PUNCTUATION || cp == MINUS_SIGN) {
                put('-', start, end);
                return;
            }
            if (cp == IDEOGRAPHIC_FULL_STOP || cp == HALFWIDTH_IDEOGRAPHIC_FULL_STOP
                    || (MIDDLE_DOTS.indexOf(cp) >= 0 && asciiAlnumAt(start - 1) && asciiAlnumAt(end))) {
                put('.', start, end);
                return;
            }
            if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                extendPrevious(end);
                return;
            }
            String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            for (int k = 0; k < nfkc.length(); ) {
                int c = nfkc.codePointAt(k);
                k += Character.charCount(c);
                int t = Character.getType(c);
                if (t != Character.NON_SPACING_MARK && t != Character.ENCLOSING_MARK && t != Character.FORMAT) {
                    put(Character.toLowerCase(LookAlikes.fold(c)), start, end);
                }
            }
        }

        /** Whether the original char at {@code k} is an ASCII letter (of either case) or digit. */
        private boolean asciiAlnumAt(int k) {
            return k >= 0 && k < in.length() && Chars.asciiAlnum(lowerAscii(in.charAt(k)));
        }

        /** A dropped char belongs to the span of the char before it, so a match over both replaces both. */
        private void extendPrevious(int end) {
            if (out.length() > 0) {
                to[out.length() - 1] = end;
            }
        }

        private void put(int cp, int start, int end) {
            for (char ch : Character.toChars(cp)) {
                int k = out.length();
                if (k == from.length) {
                    from = Arrays.copyOf(from, k * 2);
                    to = Arrays.copyOf(to, k * 2);
                }
                out.append(ch);
                from[k] = start;
                to[k] = end;
            }
        }
    }
}
