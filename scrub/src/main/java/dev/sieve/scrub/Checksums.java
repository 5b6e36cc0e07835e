package dev.sieve.scrub;

/** The check-digit algorithms validators use to tell an identifier from digits that merely look like one. */
final class Checksums {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10x98765432";

    private Checksums() {}

    /** Luhn (ISO/IEC 7812) over the first {@code n} ASCII digits of {@code digits}. */
    static boolean luhn(char[] digits, int n) {
        int sum = 0;
        boolean twice = false;
        for (int i = n - 1; i >= 0; i--) {
            int d = digits[i] - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616 MOD-97 over a lower-case IBAN without spaces. */
    static boolean iban(CharSequence iban) {
        int n = iban.length();
        int mod = 0;
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            int v = Chars.digit(c) ? c - '0' : c - 'a' + 10;
            mod = v < 10 ? (mod * 10 + v) % 97 : (mod * 100 + v) % 97;
        }
        return mod == 1;
    }

    /** ISO 7064 MOD 11-2 over a Chinese resident identity number: 17 digits and a check character (0-9 or x). */
    static boolean chineseId(CharSequence id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11) == id.charAt(17);
    }
}
