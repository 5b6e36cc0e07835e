package dev.sieve.scrub;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Account handles: the value after a label such as {@code wechat_id:}, {@code qq:}, {@code weibo=}, {@code 微信号：}
 * (the label is kept), and {@code @handle} mentions that are not part of an e-mail address. After the name of a
 * messaging app and only a space ({@code wechat zhangwei1988}, {@code 加微信 zhangwei1988}, {@code qq 123456789}),
 * a word that looks like an account name is a handle: {@value #MIN_ACCOUNT} to {@value #MAX_ACCOUNT} chars, letters
 * with a digit or an underscore, or (QQ numbers) digits only; a plain word ({@code wechat pay}) is not.
 * {@code line} names the app only with {@code id} after it ({@code line id: alice}): alone it is a line of a file.
 */
final class HandleRecognizer implements Recognizer {

    /** Labels compared with the label's last part, or its last two or three parts joined ("my_wechat_id"). */
    private static final Set<String> LABELS = Set.of("wechat", "wechatid", "weixin", "weixinid", "wx", "wxid", "qq",
            "qqid", "weibo", "weiboid", "telegram", "tg", "whatsapp", "skype", "lineid", "twitter", "instagram", "ig",
            "facebook", "fb", "tiktok", "douyin", "douyinid", "github", "discord", "snapchat", "kakao", "kakaotalk",
            "username", "user", "userid", "uid", "nick", "nickname", "handle", "accountid", "alipay", "taobao",
            "memberid", "customerid", "vx");
    /** Labels in Chinese, matched as the end of a run of letters (Chinese writes no spaces before them). */
    private static final List<String> CJK_LABELS = List.of("微信号", "微信", "qq号", "微博", "账号", "帐号", "用户名",
            "支付宝", "抖音号");
    /** Messaging apps whose name, then a space, introduces an account name. */
    private static final Set<String> APPS = Set.of("wechat", "weixin", "wx", "vx", "qq", "weibo", "telegram", "tg",
            "whatsapp", "skype", "twitter", "instagram", "ig", "facebook", "fb", "tiktok", "douyin", "discord",
            "snapchat", "kakao", "kakaotalk", "alipay", "taobao");
    /** Messaging apps in Chinese, matched as the end of a word. */
    private static final List<String> CJK_APPS = List.of("微信", "qq号", "微博", "抖音号");
    private static final List<String> ID_WORDS = List.of("id", "no.", "no", "number", "号");
    private static final String ID_WORD_STARTS = ID_WORDS.stream().map(w -> w.substring(0, 1)).distinct()
            .collect(Collectors.joining());
    /** The shortest and longest app names: a word of another length needs no look-up. */
    private static final int MIN_APP = APPS.stream().mapToInt(String::length).min().orElseThrow();
    private static final int MAX_APP = APPS.stream().mapToInt(String::length).max().orElseThrow();
    static final int MIN_ACCOUNT = 5;
    static final int MAX_ACCOUNT = 32;
    private static final int MAX_LABEL = 40;
    private static final int MAX_HANDLE = 64;
    private static final int MIN_MENTION = 2;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        // An account name after an app's name and a space holds a digit or an underscore: looked for from those.
        if (scan.digits() > 0 || scan.has('_')) {
            spacedAccounts(t, out);
        }
        // A handle follows an @, a label and its : or =, or a Chinese label.
        if (!scan.has('@') && !scan.has(':') && !scan.has('=') && !scan.nonAscii()) {
            return;
        }
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '@') {
                i = mention(t, i, out);
                continue;
            }
            if (!Chars.word(c) || !Chars.wordStart(t, i)) {
                i++;
                continue;
            }
            int e = i;
            while (e < t.length() && (Chars.word(t.charAt(e)) || t.charAt(e) == '-' || t.charAt(e) == '.')) {
                e++;
            }
            if (e - i <= MAX_LABEL && (separated(t, e) && label(t, i, e) || lineId(t, i, e))) {
                i = Math.max(e, value(t, e, out));
            } else {
                i = Math.max(e, cjkHandles(t, i, e, out));
            }
        }
    }

    /**
     * A {@code @handle} not preceded by an e-mail local part; returns where scanning goes on. Chinese text writes a
     * mention straight after a word ({@code 微博@张伟}): after a letter beyond ASCII, the {@code @} starts a mention
     * unless an e-mail domain follows it.
     */
    private static int mention(String t, int at, List<Finding> out) {
        char before = at > 0 ? t.charAt(at - 1) : ' ';
        if (EmailRecognizer.localChar(before) && (before < 0x80 || EmailRecognizer.domainEnd(t, at + 1) > 0)) {
            return at + 1;
        }
        int e = at + 1;
        while (e < t.length() && e - at <= MAX_HANDLE && (Chars.word(t.charAt(e)) || t.charAt(e) == '.')) {
            e++;
        }
        while (e > at + 1 && t.charAt(e - 1) == '.') {
            e--;
        }
        if (e - at - 1 >= MIN_MENTION && !Chars.at(t, e, '@')) {
            out.add(new Finding(at, e, Marker.HANDLE));
            return e;
        }
        return at + 1;
    }

    /** Whether a {@code :} or {@code =} follows (past spaces): only then can the word be a label. */
    private static boolean separated(String t, int k) {
        k = skipIdWord(t, Chars.skipSpaces(t, k));
        return Chars.at(t, k, ':') || Chars.at(t, k, '=');
    }

    /** Adds the handle after a label ending at {@code k}; returns where it ends, or {@code k}. */
    private static int value(String t, int k, List<Finding> out) {
        k = skipIdWord(t, Chars.skipSpaces(t, k));
        if (!(Chars.at(t, k, ':') || Chars.at(t, k, '='))) {
            return k;
        }
        return handle(t, Chars.skipSpaces(t, k + 1), false, out);
    }

    /**
     * Adds the handle starting at {@code k} (past an {@code @} or quote), of ASCII chars only when {@code ascii};
     * returns where it ends.
     */
    private static int handle(String t, int k, boolean ascii, List<Finding> out) {
        if (Chars.at(t, k, '@') || Chars.at(t, k, '"') || Chars.at(t, k, '\'')) {
            k++;
        }
        int end = k;
        while (end < t.length() && end - k < MAX_HANDLE && handleChar(t.charAt(end))
                && (!ascii || t.charAt(end) < 0x80)) {
            end++;
        }
        while (end > k && (t.charAt(end - 1) == '.' || t.charAt(end - 1) == '-')) {
            end--;
        }
        if (end > k) {
            out.add(new Finding(k, end, Marker.HANDLE));
        }
        return end;
    }

    /**
     * Adds the handles Chinese writes straight after a label inside word {@code [start, end)}
     * ({@code 加我微信zhangwei88}); returns where the last one ends, or {@code start}.
     */
    private static int cjkHandles(String t, int start, int end, List<Finding> out) {
        int last = start;
        for (int k = start; k < end; k++) {
            if (t.charAt(k) < 0x80) {
                continue;
            }
            for (String cjk : CJK_LABELS) {
                if (t.startsWith(cjk, k) && k + cjk.length() <= end) {
                    int v = k + cjk.length();
                    if (Chars.at(t, v, '是')) {
                        v++;
                    }
                    if (v < end && t.charAt(v) < 0x80 && handleChar(t.charAt(v))) {
                        last = handle(t, v, true, out);
                        k = last - 1;
                    }
                    break;
                }
            }
        }
        return last;
    }

    /** Whether {@code [start, end)} is {@code line} followed by {@code id}: the app LINE, and its id. */
    private static boolean lineId(String t, int start, int end) {
        int k = Chars.skipSpaces(t, end);
        return end - start == 4 && t.startsWith("line", start) && k > end && t.startsWith("id", k)
                && Chars.wordEnd(t, k + 2);
    }

    /**
     * Adds each account name that follows an app's name and a space: a word of {@value #MIN_ACCOUNT} to
     * {@value #MAX_ACCOUNT} ASCII chars, letters with a digit or an underscore, or digits only. Such a word holds a
     * digit or an underscore, so only the words around those are read: a text costs a pass over its chars and a
     * look-up per such word.
     */
    private static void spacedAccounts(String t, List<Finding> out) {
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (!Chars.digit(c) && c != '_') {
                i++;
                continue;
            }
            int s = i;
            while (s > 0 && i - s <= MAX_ACCOUNT && asciiHandleChar(t.charAt(s - 1))) {
                s--;
            }
            // The whole word, however long: scanning goes on past it, so each char is read here once.
            int wordEnd = i;
            while (wordEnd < t.length() && asciiHandleChar(t.charAt(wordEnd))) {
                wordEnd++;
            }
            int e = wordEnd;
            while (e > s && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '-')) {
                e--;
            }
            int n = e - s;
            if (Chars.at(t, s - 1, ' ') && n >= MIN_ACCOUNT && n <= MAX_ACCOUNT && Chars.wordStart(t, s)
                    && Chars.wordEnd(t, e) && looksLikeAccount(t, s, e) && afterAppName(t, s)) {
                out.add(new Finding(s, e, Marker.HANDLE));
            }
            i = Math.max(wordEnd, i + 1);
        }
    }

    /** Whether {@code [s, e)} is digits only, or letters with a digit or an underscore. */
    private static boolean looksLikeAccount(String t, int s, int e) {
        int letters = 0;
        int digits = 0;
        int underscores = 0;
        for (int k = s; k < e; k++) {
            letters += Chars.asciiLetter(t.charAt(k)) ? 1 : 0;
            digits += Chars.digit(t.charAt(k)) ? 1 : 0;
            underscores += t.charAt(k) == '_' ? 1 : 0;
        }
        return digits == e - s || (letters > 0 && (digits > 0 || underscores > 0));
    }

    /** Whether an app's name and one to {@link Chars#MAX_SPACES} spaces end at {@code s}. */
    private static boolean afterAppName(String t, int s) {
        int we = s;
        while (we > 0 && s - we < Chars.MAX_SPACES && t.charAt(we - 1) == ' ') {
            we--;
        }
        if (we == s) {
            return false;
        }
        int ws = we;
        while (ws > 0 && we - ws < MAX_LABEL && Chars.word(t.charAt(ws - 1))) {
            ws--;
        }
        if (ws == we || !Chars.wordStart(t, ws)) {
            return false;
        }
        if (we - ws >= MIN_APP && we - ws <= MAX_APP && APPS.contains(t.substring(ws, we))) {
            return true;
        }
        return endsWithOne(t, ws, we, CJK_APPS); // Chinese writes no space before a label: 请加微信
    }

    /** Whether word {@code [start, end)} ends with one of {@code words}. */
    private static boolean endsWithOne(String t, int start, int end, List<String> words) {
        for (String w : words) {
            if (end - start >= w.length() && t.startsWith(w, end - w.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean asciiHandleChar(char c) {
        return c < 0x80 && handleChar(c);
    }

    private static boolean label(String t, int start, int end) {
        if (endsWithOne(t, start, end, CJK_LABELS)) {
            return true;
        }
        StringBuilder joined = new StringBuilder();
        int partEnd = end;
        for (int parts = 0; parts < 3 && partEnd > start; parts++) {
            int partStart = partEnd;
            while (partStart > start && Chars.asciiAlnum(t.charAt(partStart - 1))) {
                partStart--;
            }
            joined.insert(0, t, partStart, partEnd);
            if (LABELS.contains(joined.toString())) {
                return true;
            }
            partEnd = partStart - 1;
        }
        return false;
    }

    private static boolean handleChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /** Past a trailing "id", "no" or "number" ({@code weixin id: zw88}, {@code qq no. 123}) and its spaces. */
    private static int skipIdWord(String t, int k) {
        if (k >= t.length() || ID_WORD_STARTS.indexOf(t.charAt(k)) < 0) {
            return k; // most words: one look at their first char
        }
        for (String w : ID_WORDS) {
            int e = k + w.length();
            if (t.startsWith(w, k) && (w.endsWith(".") || Chars.wordEnd(t, e))) {
                return Chars.skipSpaces(t, e);
            }
        }
        return k;
    }
}
