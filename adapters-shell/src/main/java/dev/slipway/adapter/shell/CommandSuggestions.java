package dev.slipway.adapter.shell;

import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What a mistyped command was probably meant to be: commands within two edits of it, or that it starts, nearest first. */
final class CommandSuggestions {

    private CommandSuggestions() {
    }

    /** "unknown command 'deplyo'; did you mean deploy?", with the help that lists the commands when nothing is near. */
    static String unknown(String typed, CommandRegistry registry, String help) {
        List<String> near = near(typed, registry);
        return "unknown command '%s'; %s".formatted(dev.slipway.domain.input.FreeText.printable(typed),
                near.isEmpty() ? "`%s` lists the commands".formatted(help) : "did you mean " + String.join(" or ", near) + "?");
    }

    static List<String> near(String typed, CommandRegistry registry) {
        String word = typed.toLowerCase(Locale.ROOT);
        return registry.getCommands().stream().filter(c -> !c.isHidden()).map(Command::getName)
                .filter(name -> distance(word, name) <= 2 || (word.length() >= 2 && name.startsWith(word)))
                .sorted(Comparator.comparingInt((String name) -> distance(word, name)).thenComparing(name -> name))
                .limit(3).toList();
    }

    /** The edits (insert, delete, replace, swap of neighbours) between two words. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
