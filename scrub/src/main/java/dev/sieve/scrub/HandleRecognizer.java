package dev.sieve.scrub;

import java.util.List;
import java.util.Set;

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
            "snapchat", "kakao", "kakaotalk", "alipay", "taobao", "微信", "加微信", "qq号", "微博", "抖音号");
    private static final List<String> ID_WORDS = List.of("id", "no.", "no", "number", "号");
    static final int MIN_ACCOUNT = 5;
    static final int MAX_ACCOUNT = 32;
    private static final int MAX_LABEL = 40;
    private static final int MAX_HANDLE = 64;
    private static final int MIN_MENTION = 2;

    @Override
    public void find(Scan scan, List<Finding> out) {
        // A handle follows an @, a label and its : or =, or a Chinese label; an account name after an app's name
        // and a space holds a digit or an underscore.
        if (!scan.has('@') && !scan.has(':') && !scan.has('=') && !scan.nonAscii() && scan.digits() == 0
                && !scan.has('_')) {
            return;
        }
        String t = scan.text();
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
            } else if (spacedAccountEnd(t, e) > 0 && APPS.contains(t.substring(i, e))) {
                i = handle(t, Chars.skipSpaces(t, e), true, out);
            } else {
                i = Math.max(e, cjkHandles(t, i, e, out));
            }
        }
    }

    /** A {@code @handle} not preceded by an e-mail local part; returns where scanning goes on. */
    private static int mention(String t, int at, List<Finding> out) {
        if (at > 0 && EmailRecognizer.localChar(t.charAt(at - 1))) {
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
                    } else if (v == end && spacedAccountEnd(t, v) > 0 && APPS.contains(cjk)) {
                        last = handle(t, Chars.skipSpaces(t, v), true, out);
                        k = end;
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
     * End of an account name after a space at {@code k} ({@value #MIN_ACCOUNT} to {@value #MAX_ACCOUNT} ASCII chars:
     * letters with a digit or an underscore, or digits only); -1 when what follows is no account name.
     */
    static int spacedAccountEnd(String t, int k) {
        if (!Chars.at(t, k, ' ')) {
            return -1;
        }
        int s = Chars.skipSpaces(t, k);
        int e = s;
        int letters = 0;
        int digits = 0;
        int underscores = 0;
        while (e < t.length() && e - s <= MAX_ACCOUNT && t.charAt(e) < 0x80 && handleChar(t.charAt(e))) {
            char c = t.charAt(e);
            letters += Chars.asciiLetter(c) ? 1 : 0;
            digits += Chars.digit(c) ? 1 : 0;
            underscores += c == '_' ? 1 : 0;
            e++;
        }
        while (e > s && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '-')) {
            e--;
        }
        int n = e - s;
        boolean account = digits == n || (letters > 0 && (digits > 0 || underscores > 0));
        return n >= MIN_ACCOUNT && n <= MAX_ACCOUNT && account && Chars.wordEnd(t, e) ? e : -1;
    }

    private static boolean label(String t, int start, int end) {
        for (String cjk : CJK_LABELS) {
            if (end - start >= cjk.length() && t.startsWith(cjk, end - cjk.length())) {
                return true;
            }
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
        for (String w : ID_WORDS) {
            int e = k + w.length();
            if (t.startsWith(w, k) && (w.endsWith(".") || Chars.wordEnd(t, e))) {
                return Chars.skipSpaces(t, e);
            }
        }
        return k;
    }
}
