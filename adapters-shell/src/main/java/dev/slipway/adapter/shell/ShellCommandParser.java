package dev.slipway.adapter.shell;

import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a command line into Spring Shell's {@link ParsedInput}: from a typed line with POSIX-like quoting
 * (interactive), or from words the operating system already split (headless), so that a summary such as
 * {@code --summary "fix the login page"} stays one value. Flags never swallow the next word.
 */
public final class ShellCommandParser implements CommandParser {

    private final CommandRegistry registry;

    public ShellCommandParser(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ParsedInput parse(String line) {
        return parse(words(line));
    }

    /** Parses words already split; an option without its value keeps a null value for the command to report. */
    public ParsedInput parse(List<String> words) {
        if (words.isEmpty()) return ParsedInput.builder().commandName("").build();
        ParsedInput.Builder input = ParsedInput.builder().commandName(words.getFirst());
        Command command = registry.getCommandByName(words.getFirst());
        int index = 0;
        boolean onlyArguments = false;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (onlyArguments || !isOption(word)) {
                input.addArgument(new CommandArgument(index++, word));
            } else if (word.equals("--")) {
                onlyArguments = true;
            } else {
                String name = word.startsWith("--") ? word.substring(2) : word.substring(1);
                String value = null;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (isFlag(command, word)) {
                    value = "true";
                } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                    value = words.get(++i);
                }
                CommandOption.Builder option = CommandOption.with().value(value);
                if (word.startsWith("--")) {
                    option.longName(name);
                } else {
                    // Spring Shell's help check reads the long name of every option, so short ones carry an empty one.
                    option.longName("").shortName(name.isEmpty() ? ' ' : name.charAt(0));
                }
                input.addOption(option.build());
            }
        }
        return input.build();
    }

    /** Splits a typed line into words: blanks separate, quotes group, a backslash takes the next character as is. */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    private static boolean isOption(String word) {
        return word.length() > 1 && word.startsWith("-") && !Character.isDigit(word.charAt(1));
    }

    private static boolean isFlag(Command command, String word) {
        if (word.equals("--help") || word.equals("-h")) return true;
        return command != null && command.getOptions().stream()
                .filter(option -> option.isOptionEqual(word))
                .anyMatch(option -> option.type() == boolean.class || option.type() == Boolean.class);
    }
}
