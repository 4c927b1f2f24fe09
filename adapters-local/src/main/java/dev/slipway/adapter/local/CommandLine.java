package dev.slipway.adapter.local;

import java.util.ArrayList;
import java.util.List;

/**
 * A command as written in configuration, split into the program and its arguments the way a shell would split simple
 * words: whitespace separates, single or double quotes keep a word together. Nothing is expanded and no shell runs it.
 */
record CommandLine(List<String> argv) {

    CommandLine {
        if (argv == null || argv.isEmpty()) throw new IllegalArgumentException("a command needs at least a program");
        argv = List.copyOf(argv);
    }

    /** Splits {@code text}; refuses an empty command and a quote left open, saying where it opened. */
    static CommandLine parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("the command is empty: write the program and its arguments, as in python3 app.py");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int opened = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                opened = i;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the command opens a %s quote at character %d and never closes it: %s"
                    .formatted(quote == '\'' ? "single" : "double", opened + 1, text));
        }
        if (inWord) words.add(word.toString());
        return new CommandLine(words);
    }

    @Override
    public String toString() {
        return String.join(" ", argv.stream().map(w -> w.isEmpty() || w.chars().anyMatch(Character::isWhitespace) ? "'" + w + "'" : w).toList());
    }
}
