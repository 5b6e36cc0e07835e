package dev.sieve.cli.operate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout}: {@code 90s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT5M}); positive. */
public final class WaitTimeout implements ITypeConverter<Duration> {

    public static final String DEFAULT = "5m";
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(s|m|h)");

    @Override
    public Duration convert(String value) {
        Duration d;
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: write e.g. 90s, 5m or 1h");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return d;
    }

    /** {@code 5m}, {@code 90s}: how the messages name a timeout. */
    public static String format(Duration d) {
        if (d.toSecondsPart() != 0 || d.toMillisPart() != 0) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
        return d.toMinutesPart() != 0 || d.toHours() == 0 ? d.toMinutes() + "m" : d.toHours() + "h";
    }
}
