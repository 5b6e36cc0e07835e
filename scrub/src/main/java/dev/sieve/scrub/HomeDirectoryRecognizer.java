package dev.sieve.scrub;

import java.util.List;
import java.util.Set;

/**
 * The account name in a home directory's path, as stack traces and file errors quote it: {@code /home/alice/...},
 * {@code /Users/alice/...}, {@code C:\Users\alice\...}, {@code C:\Documents and Settings\alice\...}. The name
 * becomes {@code [handle]}; the rest of the path stays. The shared folders ({@code /Users/Shared},
 * {@code C:\Users\Public}, {@code Default}) name nobody and stay.
 */
final class HomeDirectoryRecognizer implements Recognizer {

    /** Where an account's home directory starts, on normalized (lower-case) text. */
    private static final List<String> PARENTS = List.of("/home/", "/users/", "\\users\\", "\\documents and settings\\",
            "/documents and settings/");
    private static final Set<String> SHARED = Set.of("shared", "public", "default", "default user", "all users",
            "guest");
    private static final int MAX_NAME = 64;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (!scan.has('/') && !scan.has('\\')) {
            return;
        }
        String t = scan.text();
        for (String parent : PARENTS) {
            for (int k = t.indexOf(parent); k >= 0; k = t.indexOf(parent, k + 1)) {
                int s = k + parent.length();
                int e = s;
                while (e < t.length() && e - s <= MAX_NAME && !end(t.charAt(e))) {
                    e++;
                }
                if (e > s && e - s <= MAX_NAME && !SHARED.contains(t.substring(s, e))) {
                    out.add(new Finding(s, e, Marker.HANDLE));
                }
            }
        }
    }

    private static boolean end(char c) {
        return c == '/' || c == '\\' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == ':' || c == ';'
                || c == ',' || c == ')' || c == ']' || c == '>';
    }
}
