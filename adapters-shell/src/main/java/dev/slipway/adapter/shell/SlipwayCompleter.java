package dev.slipway.adapter.shell;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.util.Comparator;
import java.util.List;

/**
 * Tab completion for the interactive shell: command names, then each command's arguments and option values
 * through its Spring Shell {@code CompletionProvider} (environments, services, versions, deployment ids), and option
 * names not typed yet. Spring Shell's own completer finds no command once an argument precedes the options
 * ({@code deploy dev --service}), which is how every Slipway command reads.
 */
final class SlipwayCompleter implements Completer {

    private final CommandRegistry registry;

    SlipwayCompleter(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index <= 0) {
            registry.getCommands().stream().filter(c -> !c.isHidden()).sorted(Comparator.comparing(Command::getName))
                    .forEach(c -> candidates.add(new Candidate(c.getName(), c.getName(), "commands", c.getDescription(), null, null, true)));
            return;
        }
        Command command = registry.getCommandByName(words.getFirst());
        if (command == null) return;
        String current = index < words.size() ? words.get(index) : "";
        CommandOption valueOf = index >= 2 ? option(command, words.get(index - 1)) : null;
        if (valueOf != null && (valueOf.type() == boolean.class)) valueOf = null;
        if (valueOf == null && current.startsWith("-")) {
            options(command, words, candidates);
            return;
        }
        CompletionContext context = new CompletionContext(words, index, Math.min(line.wordCursor(), current.length()), command, valueOf);
        List<CompletionProposal> proposals = command.getCompletionProvider().apply(context);
        for (int rank = 0; rank < proposals.size(); rank++) {
            CompletionProposal proposal = proposals.get(rank);
            // The rank keeps the provider's order (declared environments, newest versions, waiting deployments first).
            candidates.add(new Candidate(proposal.value(), proposal.displayText(), proposal.category(), proposal.description(), null, null,
                    proposal.complete(), rank));
        }
        if (valueOf == null) options(command, words, candidates);
    }

    private static CommandOption option(Command command, String word) {
        return command.getOptions().stream().filter(option -> option.isOptionEqual(word)).findFirst().orElse(null);
    }

    private static void options(Command command, List<String> words, List<Candidate> candidates) {
        for (CommandOption option : command.getOptions()) {
            String name = "--" + option.longName();
            boolean typed = words.stream().anyMatch(word -> word.equals(name) || word.startsWith(name + "="));
            if (!typed) candidates.add(new Candidate(name, name, "options", option.description(), null, null, true));
        }
    }
}
