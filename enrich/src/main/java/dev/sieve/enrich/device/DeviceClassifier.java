package dev.sieve.enrich.device;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Coarse device class from model and operating system: {@code phone}, {@code tablet}, {@code desktop},
 * {@code tv} or {@code other}. Coarse on purpose: the class is kept where the exact model would identify.
 */
public final class DeviceClassifier {

    private static final Pattern TABLET = Pattern.compile("\\b(ipad|tab|tablet|pad|sm-t\\d+|mediapad|kindle)\\b");
    private static final Pattern TV = Pattern.compile("\\b(tv|aft\\w*|bravia|shield|chromecast|roku)\\b");

    private DeviceClassifier() {}

    public static String classify(String model, String osName) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (TV.matcher(m).find() || os.equals("tvos")) {
            return "tv";
        }
        if (TABLET.matcher(m).find() || os.equals("ipados")) {
            return "tablet";
        }
        if (os.equals("windows") || os.equals("macos") || os.equals("linux") || os.equals("chromeos")) {
            return "desktop";
        }
        if (os.equals("android") || os.equals("ios") || os.equals("harmonyos")) {
            return "phone";
        }
        return "other";
    }
}
