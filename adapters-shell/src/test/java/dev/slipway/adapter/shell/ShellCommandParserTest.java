package dev.slipway.adapter.shell;

import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellCommandParserTest {

    private final ShellCommandParser parser = new Harness().parser;

    @Test
    void keepsQuotedWordsTogetherAsAShellWould() {
        assertThat(ShellCommandParser.words("deploy dev --summary \"fix the \\\"login\\\" page\" --name 'it''s' plain\\ word"))
                .containsExactly("deploy", "dev", "--summary", "fix the \"login\" page", "--name", "its", "plain word");
    }

    @Test
    void readsOptionsWithTheirValuesAndArgumentsInOrder() {
        ParsedInput input = parser.parse("deploy dev --version=0.1.2 --lock-wait 10m");

        assertThat(input.commandName()).isEqualTo("deploy");
        assertThat(input.arguments()).extracting(CommandArgument::value).containsExactly("dev");
        assertThat(input.options()).extracting(CommandOption::longName, CommandOption::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("version", "0.1.2"), org.assertj.core.groups.Tuple.tuple("lock-wait", "10m"));
    }

    @Test
    void neverLetsAFlagSwallowTheNextWord() {
        ParsedInput input = parser.parse(List.of("deploy", "--plan", "dev", "--yes"));

        assertThat(input.arguments()).extracting(CommandArgument::value).containsExactly("dev");
        assertThat(input.options()).extracting(CommandOption::value).containsExactly("true", "true");
    }

    @Test
    void keepsASummaryPassedAsOneArgumentWhole() {
        ParsedInput input = parser.parse(List.of("deploy", "dev", "--summary", "fix the login page --now"));

        assertThat(input.options().getFirst().value()).isEqualTo("fix the login page --now");
    }

    @Test
    void leavesTheValueOfAnOptionWithoutOneEmptyForTheCommandToReport() {
        ParsedInput input = parser.parse(List.of("deploy", "dev", "--version", "--plan"));

        assertThat(input.options()).extracting(CommandOption::longName, CommandOption::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("version", null), org.assertj.core.groups.Tuple.tuple("plan", "true"));
    }

    @Test
    void takesEveryWordAfterADoubleDashAsAnArgument() {
        ParsedInput input = parser.parse(List.of("history", "--", "--limit"));

        assertThat(input.options()).isEmpty();
        assertThat(input.arguments()).extracting(CommandArgument::value).containsExactly("--limit");
    }

    @Test
    void readsShortHelpAsAFlag() {
        ParsedInput input = parser.parse(List.of("deploy", "-h", "dev"));

        assertThat(input.options().getFirst().shortName()).isEqualTo('h');
        assertThat(input.options().getFirst().longName()).isEmpty();
        assertThat(input.arguments()).extracting(CommandArgument::value).containsExactly("dev");
    }
}
