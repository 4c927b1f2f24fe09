package dev.slipway.adapter.jdbc;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateTextTest {

    @Test
    void writesAFlatJsonObjectThatReadsBackToTheSameMapInTheSameOrder() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("ssm-command-id", "0b2e3f1c");
        state.put("quote\"key", "back\\slash / slash");
        state.put("controls", "tab\t newline\n return\r bell\u0007 nul\u0000");
        state.put("unicode", "é ✓ 🚀");
        state.put("", "");

        String text = StateText.write(state);

        assertThat(text).startsWith("{\"ssm-command-id\":\"0b2e3f1c\",").doesNotContain("\n", "\t", "\u0000");
        assertThat(StateText.read(text)).containsExactlyEntriesOf(state);
    }

    @Test
    void writesAnEmptyMapAsAnEmptyObject() {
        assertThat(StateText.write(Map.of())).isEqualTo("{}");
        assertThat(StateText.read("{}")).isEmpty();
    }

    @Test
    void readsWhatPostgresWritesBackFromAJsonColumnWithSpacesAndEscapedUnicode() {
        assertThat(StateText.read(" { \"pid\" : \"4242\" , \"note\": \"caf\\u00e9 \\/ ok\" } "))
                .containsExactly(Map.entry("pid", "4242"), Map.entry("note", "café / ok"));
    }

    @Test
    void refusesTextThatIsNotAnObjectOfStrings() {
        assertThatThrownBy(() -> StateText.read("{\"pid\": 4242}")).isInstanceOf(IllegalStateException.class).hasMessageContaining("'\"'");
        assertThatThrownBy(() -> StateText.read("{\"pid\": \"4242\"")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StateText.read("{} trailing")).isInstanceOf(IllegalStateException.class).hasMessageContaining("the end");
        assertThatThrownBy(() -> StateText.read("{\"bad\": \"\\q\"}")).isInstanceOf(IllegalStateException.class).hasMessageContaining("escape");
    }
}
