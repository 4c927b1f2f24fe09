package dev.slipway.domain.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 11, item 1: limits on what people type, the same for every front end. */
class FreeTextTest {

    @Test
    void acceptsTextWithinItsLimits() {
        assertThat(FreeText.name("n".repeat(200))).hasSize(200);
        assertThat(FreeText.summary("first line\nsecond line\r\n" + "s".repeat(3900))).startsWith("first line");
        assertThat(FreeText.reason("the lock's reason", "database migration")).isEqualTo("database migration");
    }

    @Test
    void refusesTextOverItsLimitSayingByHowMuch() {
        assertThatThrownBy(() -> FreeText.name("n".repeat(201))).isInstanceOf(InputRefused.class)
                .hasMessage("the name is 201 characters long; at most 200 are allowed: shorten it");
        assertThatThrownBy(() -> FreeText.summary("s".repeat(4001))).hasMessageContaining("at most 4000");
        assertThatThrownBy(() -> FreeText.reason("the comment", "c".repeat(501))).hasMessageContaining("at most 500");
    }

    @Test
    void refusesControlCharactersAndBidiMarksButNewlinesInASummary() {
        assertThatThrownBy(() -> FreeText.name("a\nb")).hasMessageContaining("control character (U+000A at position 2)");
        assertThatThrownBy(() -> FreeText.summary("red \u001b[31m")).hasMessageContaining("U+001B").hasMessageContaining("only newlines are allowed");
        assertThatThrownBy(() -> FreeText.reason("the lock's reason", "abc\u202Edef")).hasMessageContaining("U+202E");
        assertThat(FreeText.printable("a\u0000b\u202Ec")).isEqualTo("a?b?c");
    }
}
