package dev.slipway.bootstrap.init;

import dev.slipway.bootstrap.Launch;
import dev.slipway.bootstrap.init.RepositorySurvey.TagFamily;
import dev.slipway.domain.environment.Names;
import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.version.TagPattern;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * {@code slipway init}: in a service's git working copy, writes a commented {@code slipway.yml} from what it finds
 * ({@link RepositorySurvey}) and the few answers it cannot guess, then shows the plan {@code slipway plan ENV} makes
 * from it. Asks on a terminal; {@code --yes} takes every default; each answer also has its own option. Writes nothing
 * over an existing file unless {@code --force}. Exit codes: 0 written, 2 bad input (an invalid answer, no git working
 * copy, a file already there), 1 anything unexpected.
 */
public final class Init {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int BAD_INPUT = 2;

    public static final String HELP = """
            init - Write a commented slipway.yml for the service in this git working copy, then show the plan it makes.

            USAGE
              slipway init [--yes] [--service NAME] [--environment ENV] [--branch B] [--tag PATTERN] [--command CMD]
                           [--port N] [--health-path P] [--force] [--config PATH]

            It looks at the repository (its origin remote, branches, existing tags and their pattern: 0.1.29-dev
            follows "{version}-dev", so the next deploy is 0.1.30-dev), guesses how the service starts and its health
            path, asks for what it cannot know (Enter takes the default shown in brackets), writes the file and ends
            with what `slipway plan ENV` says.

            OPTIONS
              --yes, -y             take every default without asking (needed when no terminal is attached)
              --service NAME        the service's name (default: the repository folder's name)
              --environment ENV     the first environment (default: from the tags' suffix, else dev)
              --branch B            the branch that environment deploys from (default: a branch named as the environment, else the current one)
              --tag PATTERN         its tag pattern, with {version} once (default: the pattern of the existing tags)
              --command CMD         how the local target starts a release; it gets PORT in its environment (no shell)
              --port N              the local target's port; releases alternate between N and N + 1 (default 18080)
              --health-path P       the path whose 2xx answer means healthy (default: the one the code mentions, else /health)
              --force               replace an existing slipway.yml
              --config PATH         where to write it (default ./slipway.yml); the repository is the one holding that folder
              --help, -h            show this help

            EXAMPLES
              slipway init
              slipway init --yes
              slipway init --yes --environment staging --branch main --tag "v{version}" --command "java -jar app.jar" --port 9000

            EXIT CODES
              0  written (the plan shown after it may still say a deploy would be refused, and why)
              1  anything unexpected
              2  bad input: an invalid answer, no git working copy here, or a slipway.yml already there
            """;

    private static final List<String> VALUED = List.of("service", "environment", "branch", "tag", "command", "port", "health-path");

    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private final boolean terminal;
    private final ToIntFunction<Launch> commands;

    /**
     * {@code in} answers the questions when {@code terminal} says someone is there to type; {@code commands} runs a
     * Slipway command (the plan) over the written file and answers its exit code.
     */
    public Init(PrintStream out, PrintStream err, BufferedReader in, boolean terminal, ToIntFunction<Launch> commands) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.terminal = terminal;
        this.commands = commands;
    }

    public int run(Launch launch) {
        List<String> words = launch.arguments().subList(1, launch.arguments().size());
        if (words.contains("--help") || words.contains("-h")) {
            out.print(HELP);
            return OK;
        }
        Map<String, String> given = new LinkedHashMap<>();
        boolean yes = false;
        boolean force = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--yes") || word.equals("-y")) {
                yes = true;
            } else if (word.equals("--force")) {
                force = true;
            } else if (word.startsWith("--") && VALUED.contains(word.substring(2).split("=", 2)[0])) {
                String name = word.substring(2).split("=", 2)[0];
                String value;
                if (word.contains("=")) {
                    value = word.substring(word.indexOf('=') + 1);
                } else if (i + 1 < words.size()) {
                    value = words.get(++i);
                } else {
                    return usage("--%s needs a value".formatted(name));
                }
                if (given.put(name, value) != null) return usage("--%s is given twice".formatted(name));
            } else {
                return usage("unknown option or argument '%s'".formatted(FreeText.printable(word)));
            }
        }
        Path config = launch.configFile();
        if (Files.exists(config) && !force) {
            err.println("slipway init: %s already exists; nothing was written.".formatted(config));
            err.println("next: edit it, run `slipway plan ENV` to check it, or add --force to replace it");
            return BAD_INPUT;
        }
        if (!yes && !terminal) {
            return usage("no terminal to ask the questions on; add --yes to take every default (and --service, --environment... for your own answers)");
        }
        Optional<RepositorySurvey> found;
        try {
            found = RepositorySurvey.of(launch.baseDirectory());
        } catch (IOException | RuntimeException e) {
            err.println("slipway init: could not read the git repository at %s: %s".formatted(launch.baseDirectory(), e.getMessage()));
            err.println("next: check that `git status` works there, then run `slipway init` again");
            return UNEXPECTED;
        }
        if (found.isEmpty()) {
            err.println("slipway init: %s is not inside a git working copy; Slipway deploys what is committed in git.".formatted(launch.baseDirectory()));
            err.println("next: run `git init` and commit the service (or cd into its repository), then `slipway init` again");
            return BAD_INPUT;
        }
        RepositorySurvey survey = found.get();
        report(survey);
        Answers answers;
        try {
            answers = answers(survey, given, yes);
        } catch (InvalidAnswer invalid) {
            return usage(invalid.getMessage());
        }
        String yaml = InitialConfiguration.write(survey, answers, launch.baseDirectory());
        try {
            Files.createDirectories(config.toAbsolutePath().getParent());
            if (force) {
                Files.writeString(config, yaml, StandardCharsets.UTF_8);
            } else {
                Files.writeString(config, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException raced) {
            err.println("slipway init: %s appeared meanwhile; nothing was written.".formatted(config));
            err.println("next: edit it, or add --force to replace it");
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("slipway init: could not write %s: %s".formatted(config, e.getMessage()));
            err.println("next: check that the folder is writable, then run `slipway init` again");
            return UNEXPECTED;
        }
        out.println();
        out.println("Wrote %s. The plan it makes, as `slipway plan %s` says it:".formatted(config, answers.environment()));
        out.println();
        out.flush();
        int plan = commands.applyAsInt(new Launch(config, launch.verbose(), launch.logLevel(), List.of("plan", answers.environment())));
        out.println();
        if (plan == BAD_INPUT || plan == UNEXPECTED) {
            err.println("slipway init: the file was written, but the plan above could not be made from it.");
            err.println("next: fix what it names in %s, then run `slipway plan %s`".formatted(config, answers.environment()));
            return plan;
        }
        out.println("next: review %s, commit it, then `slipway deploy %s`".formatted(config.getFileName(), answers.environment()));
        return OK;
    }

    private void report(RepositorySurvey survey) {
        out.println("slipway init in %s".formatted(survey.workTree()));
        out.println("  remote:   " + survey.remote().map(url -> "origin " + FreeText.printable(url)).orElse("none (tags stay local; deploys use the local branches)"));
        out.println("  branches: " + (survey.branches().isEmpty() ? "none yet" : String.join(", ", survey.branches()))
                + survey.currentBranch().map(b -> " (on " + b + ")").orElse(""));
        out.println("  tags:     " + (survey.tagFamilies().isEmpty() ? "no version tags yet" : String.join("; ", survey.tagFamilies().stream()
                .map(f -> "%d following \"%s\", latest %s".formatted(f.count(), f.pattern(), f.latest())).toList())));
        out.println("  starts:   " + survey.startCommand().orElse("not guessed (no app.py, main.py, package.json, go.mod or start.sh)"));
        out.println("  health:   " + survey.healthPath().map(p -> p + " (mentioned in the code)").orElse("not found in the code; /health assumed"));
        out.println();
    }

    /** The answers: given as options, else asked (on a terminal without --yes), else the defaults. */
    private Answers answers(RepositorySurvey survey, Map<String, String> given, boolean yes) {
        Optional<TagFamily> family = survey.tagFamilies().stream().filter(f -> RepositorySurvey.environmentOf(f.pattern()).isPresent()).findFirst()
                .or(() -> survey.tagFamilies().stream().findFirst());
        String service = answer("service", "Service name", survey.serviceName().orElse("service"), given, yes, Init::name);
        String environmentDefault = family.flatMap(f -> RepositorySurvey.environmentOf(f.pattern()))
                .or(() -> survey.currentBranch().filter(Names::isValid).filter(b -> !b.equals("main") && !b.equals("master")))
                .orElse("dev");
        String environment = answer("environment", "First environment", environmentDefault, given, yes, Init::name);
        String branchDefault = survey.branches().contains(environment) ? environment : survey.currentBranch().orElse("main");
        String branch = answer("branch", "Branch that %s deploys from".formatted(environment), branchDefault, given, yes, Init::branch);
        String tagDefault = family.filter(f -> RepositorySurvey.environmentOf(f.pattern()).map(environment::equals).orElse(true))
                .map(TagFamily::pattern).orElse("{version}-" + environment);
        String tag = answer("tag", "Tag pattern ({version} once)", tagDefault, given, yes, Init::tag);
        String command = answer("command", "Command that starts a release (gets PORT)", survey.startCommand().orElse("./start.sh"), given, yes, Init::command);
        String port = answer("port", "Port (releases alternate between it and the next one)", "18080", given, yes, Init::port);
        String health = answer("health-path", "Health path", survey.healthPath().orElse("/health"), given, yes, Init::path);
        Optional<String> latest = survey.tagFamilies().stream().filter(f -> f.pattern().equals(tag)).map(TagFamily::latest).findFirst();
        return new Answers(service, environment, branch, tag, command, Integer.parseInt(port), health, survey.answersVersion(), latest);
    }

    private String answer(String option, String question, String fallback, Map<String, String> given, boolean yes, Function<String, String> check) {
        if (given.containsKey(option)) {
            try {
                return check.apply(given.get(option).strip());
            } catch (InvalidAnswer invalid) {
                throw new InvalidAnswer("--%s: %s".formatted(option, invalid.getMessage()));
            }
        }
        if (yes) return fallback;
        for (int attempt = 0; attempt < 3; attempt++) {
            out.print("%s [%s]: ".formatted(question, fallback));
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                out.println();
                return fallback;
            }
            if (line.isBlank()) return fallback;
            try {
                return check.apply(line.strip());
            } catch (InvalidAnswer invalid) {
                err.println("  " + invalid.getMessage() + "; try again, or press Enter for " + fallback);
            }
        }
        throw new InvalidAnswer("%s: three answers that cannot be used; run `slipway init --%s VALUE`".formatted(question, option));
    }

    private int usage(String problem) {
        err.println("slipway init: " + problem);
        err.println("next: run `slipway init --help` for the options");
        return BAD_INPUT;
    }

    private static String name(String value) {
        if (!Names.isValid(value)) {
            throw new InvalidAnswer("'%s' is not a name: use lower-case letters, digits and '-', starting with a letter, at most 40 characters"
                    .formatted(FreeText.printable(value)));
        }
        return value;
    }

    private static String branch(String value) {
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}") || value.contains("..") || value.endsWith(".lock") || value.endsWith("/")) {
            throw new InvalidAnswer("'%s' is not a branch name git accepts".formatted(FreeText.printable(value)));
        }
        return value;
    }

    private static String tag(String value) {
        try {
            return TagPattern.of(value).pattern();
        } catch (IllegalArgumentException e) {
            throw new InvalidAnswer(e.getMessage());
        }
    }

    private static String command(String value) {
        if (value.isEmpty() || value.length() > 500 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidAnswer("the command must be one line of at most 500 characters");
        }
        return value;
    }

    private static String port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1024 && port <= 65534) return Integer.toString(port);
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidAnswer("'%s' is not a port from 1024 to 65534 (the next one is used too)".formatted(FreeText.printable(value)));
    }

    private static String path(String value) {
        if (!value.matches("/[A-Za-z0-9._~/-]{0,199}")) {
            throw new InvalidAnswer("'%s' is not a path such as /health".formatted(FreeText.printable(value)));
        }
        return value;
    }

    /** What the file will say. {@code latest}: the newest existing tag that follows the pattern. */
    record Answers(String service, String environment, String branch, String tag, String command, int port, String healthPath,
                   boolean answersVersion, Optional<String> latest) {}

    private static final class InvalidAnswer extends RuntimeException {
        InvalidAnswer(String message) {
            super(message);
        }
    }
}
