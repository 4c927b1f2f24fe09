package dev.slipway.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call of Slipway found in a script: the command it names and the options it passes, with where it was found.
 * Found by {@link #findIn}: {@code slipway ...}, {@code ./slipway ...} or {@code $(SLIPWAY) ...} at the start of a
 * shell command, up to the next shell operator.
 */
record SlipwayInvocation(String source, String text, Optional<String> command, List<String> options) {

    private static final Pattern CALL = Pattern.compile("(?:^|[\\s;&|(`])(?:\\./slipway|slipway|\\$\\(SLIPWAY\\)|\\$\\{?SLIPWAY}?)(?=\\s|$)");
    /** What Slipway reads at start, before any command; every command accepts them. */
    private static final List<String> START_OPTIONS_WITH_VALUE = List.of("--config");

    /** Every invocation in a script (a workflow's run block, a Makefile recipe); comments are left out. */
    static List<SlipwayInvocation> findIn(String source, String script) {
        List<SlipwayInvocation> found = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            String code = line.strip();
            if (code.startsWith("#")) continue;
            Matcher call = CALL.matcher(code);
            while (call.find()) {
                String rest = code.substring(call.end());
                found.add(parse(source, code, words(rest)));
            }
        }
        return found;
    }

    private static SlipwayInvocation parse(String source, String line, List<String> words) {
        Optional<String> command = Optional.empty();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("-")) {
                String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                options.add(name);
                if (START_OPTIONS_WITH_VALUE.contains(name) && !word.contains("=")) i++;
            } else if (command.isEmpty()) {
                command = Optional.of(word);
            }
        }
        return new SlipwayInvocation(source, line, command, List.copyOf(options));
    }

    /** The words of a shell command up to the first operator (|, ;, &&, ||, >, <, ) or a backquote), quotes kept whole. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0; else word.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                // $(...) and Make's $(VAR) are one word, however deep they nest
                int depth = 0;
                for (; i < text.length(); i++) {
                    char d = text.charAt(i);
                    word.append(d);
                    if (d == '(') depth++;
                    if (d == ')' && --depth == 0) break;
                }
            } else if ("|;&<>)`".indexOf(c) >= 0) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) words.add(word.toString());
                word.setLength(0);
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) words.add(word.toString());
        return words;
    }
}
