package dev.slipway.domain.input;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 11, item 7: one duration grammar, read and printed the same way, with bounds per setting. */
class DurationsTest {

    @Test
    void readsTheOneGrammar() {
        assertThat(Durations.parse("lockWait", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("lockWait", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("lockWait", "2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("interval", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("lockWait", "0")).isZero();
    }

    @Test
    void refusesSignsIsoFractionsAndUnitsOutOfOrderNamingTheField() {
        for (String text : new String[] {"-10s", "PT5S", "PT9999999999H", "1.5h", "30m1h", "1h1h", "", "10", "5 m", "9999999999h"}) {
            assertThatThrownBy(() -> Durations.parse("timeout", text)).isInstanceOf(InputRefused.class)
                    .hasMessageStartingWith("timeout '").hasMessageContaining("is not a duration: use a number and a unit such as 30s");
        }
    }

    @Test
    void refusesValuesOutsideTheSettingsBoundsInTheSameWords() {
        assertThatThrownBy(() -> Durations.parse("lockWait", "25h", Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(InputRefused.class).hasMessage("lockWait is 1d1h; it must be from 0 to 1d");
    }

    @Test
    void printsDurationsAsTheyAreTyped() {
        assertThat(Durations.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0");
    }

    @Property
    void whatIsPrintedReadsBackTheSame(@ForAll @LongRange(min = 0, max = 10L * 365 * 24 * 3600 * 1000) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(Durations.parse("d", Durations.format(duration))).isEqualTo(duration);
    }
}
