package dev.slipway.adapter.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void splitsWordsOnWhitespace() {
        assertThat(CommandLine.parse("  python3   app.py\t--port 8080 ").argv()).containsExactly("python3", "app.py", "--port", "8080");
    }

    @Test
    void keepsQuotedTextTogetherWithoutTheQuotes() {
        assertThat(CommandLine.parse("java -jar 'my app.jar' --name=\"Ada Lovelace\"").argv())
                .containsExactly("java", "-jar", "my app.jar", "--name=Ada Lovelace");
    }

    @Test
    void takesOneKindOfQuoteLiterallyInsideTheOther() {
        assertThat(CommandLine.parse("echo \"it's\" 'say \"hi\"'").argv()).containsExactly("echo", "it's", "say \"hi\"");
    }

    @Test
    void keepsAnEmptyQuotedArgument() {
        assertThat(CommandLine.parse("run '' last").argv()).containsExactly("run", "", "last");
    }

    @Test
    void expandsNothingAShellWould() {
        assertThat(CommandLine.parse("serve $HOME ~ *.py; rm -rf /").argv()).containsExactly("serve", "$HOME", "~", "*.py;", "rm", "-rf", "/");
    }

    @Test
    void refusesAQuoteLeftOpenAndSaysWhere() {
        assertThatThrownBy(() -> CommandLine.parse("python3 'app.py"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single quote at character 9");
    }

    @Test
    void refusesAnEmptyCommand() {
        assertThatThrownBy(() -> CommandLine.parse("   ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
