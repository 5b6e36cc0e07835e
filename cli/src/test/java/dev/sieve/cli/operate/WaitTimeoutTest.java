package dev.sieve.cli.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class WaitTimeoutTest {

    final WaitTimeout converter = new WaitTimeout();

    @Test
    void readsSecondsMinutesHoursAndIso() {
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesWhatIsNotAPositiveDuration() {
        assertThatThrownBy(() -> converter.convert("5 minutes")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'5 minutes' is not a duration: write e.g. 90s, 5m or 1h");
        assertThatThrownBy(() -> converter.convert("0s")).hasMessage("'0s' is not a positive duration");
    }

    @Test
    void namesDurationsTheWayTheyAreWritten() {
        assertThat(WaitTimeout.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(WaitTimeout.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(WaitTimeout.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(WaitTimeout.format(Duration.ofMillis(300))).isEqualTo("300ms");
    }
}
