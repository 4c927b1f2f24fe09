package dev.slipway.adapter.slack;

import dev.slipway.domain.version.Bump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a slash command asks for, read from its words: {@code /deploy dev --bump minor}, {@code /deploy lock prod
 * migration}, {@code /rollback dev 0.1.28-dev}... Words that make no command read as {@link Usage}, so nothing runs.
 */
sealed interface ChatCommand {

    String DEPLOY_USAGE = """
            `/deploy <env> [version | --bump minor|major] [--service s]` deploy the branch head (or a version)
            `/deploy plan <env> [version | --bump minor] [--service s]` what a deploy would do, without doing it
            `/deploy status [env] [--service s]` what each environment runs and who holds it
            `/deploy lock <env> <reason> [--service s]` · `/deploy unlock <env> [--service s]` freeze an environment, and thaw it
            `/rollback <env> [version] [--service s]` bring back the previous (or a given) release
            `/promote <from> <to> [--service s]` take what <from> runs to <to>
            `/deployments [env] [--service s]` recent deployments
            `/deploy metrics [env] [--since 90d] [--service s]` deploys, lead time, change failure rate, recovery (30 days by default)
            `/deploy help` this list""";

    record Deploy(Optional<String> service, String environment, Optional<String> version, Optional<Bump> bump) implements ChatCommand {}

    record Plan(Optional<String> service, String environment, Optional<String> version, Optional<Bump> bump) implements ChatCommand {}

    record Rollback(Optional<String> service, String environment, Optional<String> to) implements ChatCommand {}

    record Promote(Optional<String> service, String from, String to) implements ChatCommand {}

    record History(Optional<String> service, Optional<String> environment) implements ChatCommand {}

    record Status(Optional<String> service, Optional<String> environment) implements ChatCommand {}

    record Lock(Optional<String> service, String environment, String reason) implements ChatCommand {}

    record Unlock(Optional<String> service, String environment) implements ChatCommand {}

    record Metrics(Optional<String> service, Optional<String> environment, Optional<String> since) implements ChatCommand {}

    record Help() implements ChatCommand {}

    /** The words make no command: {@code problem} says why; the reply adds the usage. */
    record Usage(String problem) implements ChatCommand {}

    /** Reads {@code command} (such as {@code /deploy}) with its text. */
    static ChatCommand parse(String command, String text) {
        Words words = Words.of(text);
        if (words.problem != null) return new Usage(words.problem);
        List<String> args = words.positional;
        String name = command == null ? "" : command.strip().toLowerCase(Locale.ROOT);
        boolean metrics = name.equals("/deploy") && !args.isEmpty() && args.get(0).equalsIgnoreCase("metrics");
        if (words.since.isPresent() && !metrics) return new Usage("`--since` belongs to `/deploy metrics` only");
        return switch (name) {
            case "/deploy" -> deploy(args, words);
            case "/rollback" -> {
                if (words.bump.isPresent()) yield new Usage("`/rollback` takes a version, not --bump");
                if (args.isEmpty() || args.size() > 2) yield new Usage("`/rollback` needs an environment and at most a version");
                yield new Rollback(words.service, args.get(0), args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty());
            }
            case "/promote" -> {
                if (words.bump.isPresent() || args.size() != 2) yield new Usage("`/promote` needs two environments: from and to");
                yield new Promote(words.service, args.get(0), args.get(1));
            }
            case "/deployments" -> {
                if (words.bump.isPresent() || args.size() > 1) yield new Usage("`/deployments` takes at most an environment");
                yield new History(words.service, args.stream().findFirst());
            }
            default -> new Usage("Slipway does not know the command `%s`".formatted(name));
        };
    }

    private static ChatCommand deploy(List<String> args, Words words) {
        if (args.isEmpty()) return words.service.isEmpty() && words.bump.isEmpty() ? new Help() : new Usage("`/deploy` needs an environment");
        String first = args.get(0).toLowerCase(Locale.ROOT);
        List<String> rest = args.subList(1, args.size());
        return switch (first) {
            case "help" -> rest.isEmpty() ? new Help() : new Usage("`/deploy help` takes nothing more");
            case "status" -> {
                if (words.bump.isPresent() || rest.size() > 1) yield new Usage("`/deploy status` takes at most an environment");
                yield new Status(words.service, rest.stream().findFirst());
            }
            case "metrics" -> {
                if (words.bump.isPresent() || rest.size() > 1) yield new Usage("`/deploy metrics` takes at most an environment and --since");
                yield new Metrics(words.service, rest.stream().findFirst(), words.since);
            }
            case "plan" -> {
                if (rest.isEmpty() || rest.size() > 2) yield new Usage("`/deploy plan` needs an environment and at most a version");
                yield versioned(rest, words, (env, version) -> new Plan(words.service, env, version, words.bump));
            }
            case "lock" -> {
                if (words.bump.isPresent()) yield new Usage("`/deploy lock` takes no --bump");
                if (rest.size() < 2) yield new Usage("`/deploy lock` needs an environment and a reason");
                yield new Lock(words.service, rest.get(0), String.join(" ", rest.subList(1, rest.size())));
            }
            case "unlock" -> {
                if (words.bump.isPresent() || rest.size() != 1) yield new Usage("`/deploy unlock` needs an environment, and only that");
                yield new Unlock(words.service, rest.get(0));
            }
            default -> {
                if (args.size() > 2) yield new Usage("`/deploy` takes an environment and at most a version");
                yield versioned(args, words, (env, version) -> new Deploy(words.service, env, version, words.bump));
            }
        };
    }

    private static ChatCommand versioned(List<String> args, Words words, java.util.function.BiFunction<String, Optional<String>, ChatCommand> make) {
        Optional<String> version = args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty();
        if (version.isPresent() && words.bump.isPresent()) return new Usage("give a version or --bump, not both");
        return make.apply(args.get(0), version);
    }

    /** The words of a command: positional ones, {@code --service s}, {@code --bump b} and {@code --since d} (also as {@code --x=y}). */
    final class Words {
        final List<String> positional = new ArrayList<>();
        Optional<String> service = Optional.empty();
        Optional<Bump> bump = Optional.empty();
        Optional<String> since = Optional.empty();
        String problem;

        static Words of(String text) {
            Words words = new Words();
            // Slack clients turn a typed "--" into a dash; read it as the option it was.
            String plain = (text == null ? "" : text).replace("\u2014", "--").replace("\u2013", "--").replace("\u00a0", " ").strip();
            List<String> tokens = plain.isEmpty() ? List.of() : List.of(plain.split("\\s+"));
            for (int i = 0; i < tokens.size() && words.problem == null; i++) {
                String token = tokens.get(i);
                if (!token.startsWith("--")) {
                    words.positional.add(token);
                    continue;
                }
                String option = token;
                String value = null;
                int equals = token.indexOf('=');
                if (equals > 0) {
                    option = token.substring(0, equals);
                    value = token.substring(equals + 1);
                } else if (i + 1 < tokens.size()) {
                    value = tokens.get(++i);
                }
                if (value == null || value.isBlank()) {
                    words.problem = "`%s` needs a value".formatted(option);
                } else if (option.equals("--service")) {
                    words.service = Optional.of(value);
                } else if (option.equals("--since")) {
                    words.since = Optional.of(value);
                } else if (option.equals("--bump")) {
                    try {
                        words.bump = Optional.of(Bump.parse(value));
                    } catch (IllegalArgumentException e) {
                        words.problem = e.getMessage();
                    }
                } else {
                    words.problem = "unknown option `%s`".formatted(option);
                }
            }
            return words;
        }
    }
}
