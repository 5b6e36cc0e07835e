package dev.sieve.scrub;

import com.ibm.icu.text.SpoofChecker;

/**
 * Letters of other scripts that look like ASCII letters (Cyrillic {@code а}, Greek {@code ο}, Armenian {@code օ},
 * Cherokee, letterlike symbols...), folded onto the letter they imitate, so {@code аlice@example.com} written with a
 * Cyrillic {@code а} reads as the address it imitates. The table is Unicode's confusables (UTS #39) as ICU's
 * {@link SpoofChecker} skeletons give them: a letter whose skeleton is one ASCII letter folds to it, lower-cased. ASCII
 * is never changed (its own confusables, {@code l} and {@code 1}, {@code O} and {@code 0}, stay apart), nor are
 * letters that imitate digits or nothing in ASCII.
 *
 * <p>The table is built the first time a text holds a letter beyond ASCII.
 */
final class LookAlikes {

    /** The blocks of the scripts with Latin look-alikes: below the CJK blocks, and Cyrillic and Latin extensions. */
    private static final int[][] BLOCKS = {{0x80, 0x3000}, {0xA640, 0xA800}, {0xAB30, 0xAB70}};
    private static final int END = 0xAB70;

    private LookAlikes() {}

    /** The ASCII letter (lower case) that {@code cp} imitates, or {@code cp} itself. */
    static int fold(int cp) {
        if (cp < 0x80 || cp >= END) {
            return cp;
        }
        char ascii = Table.ASCII[cp];
        return ascii == 0 ? cp : ascii;
    }

    private static final class Table {
        static final char[] ASCII = build();

        private static char[] build() {
            SpoofChecker skeletons = new SpoofChecker.Builder().build();
            char[] table = new char[END];
            for (int[] block : BLOCKS) {
                for (int cp = block[0]; cp < block[1]; cp++) {
                    if (!Character.isLetter(cp)) {
                        continue;
                    }
                    String skeleton = skeletons.getSkeleton(new String(Character.toChars(cp)));
                    if (skeleton.length() == 1 && Chars.asciiLetter(Character.toLowerCase(skeleton.charAt(0)))) {
                        table[cp] = ascii(cp, skeleton.charAt(0));
                    }
                }
            }
            return table;
        }

        /**
         * The skeleton's letter, lower-cased; an upper-case letter whose skeleton is {@code l} imitates {@code I}
         * (skeletons use {@code l} for both).
         */
        private static char ascii(int cp, char skeleton) {
            if (skeleton == 'l' && Character.isUpperCase(cp)) {
                return 'i';
            }
            return Character.toLowerCase(skeleton);
        }
    }
}
