package dev.slipway.bootstrap.configuration;

import dev.slipway.bootstrap.configuration.ConfigurationProblem.Problem;
import dev.slipway.domain.environment.Names;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code slipway.yml} once, before Spring Boot binds it, under limits that make a hostile file harmless: at most
 * 1 MiB, a handful of YAML aliases, a bounded nesting depth and number of values, one document. It also refuses what
 * binding would silently accept or rewrite: a top-level key other than {@code slipway} (so that Spring's own
 * {@code server.*}, {@code management.*}, {@code spring.*}, {@code logging.*} and secrets such as
 * {@code GITHUB_WEBHOOK_SECRET} can never come from the file), placeholders, and service or environment keys that are
 * not plain names (relaxed binding would turn {@code hello$(id)} into {@code helloid}).
 */
public final class ConfigurationFile {

    public static final long MAX_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 30;
    static final int MAX_VALUES = 50_000;
    static final Set<String> TOP_LEVEL = Set.of("slipway");
    private static final Set<String> SPRING = Set.of("server", "management", "spring", "logging", "debug", "trace", "info", "endpoints");

    private ConfigurationFile() {
    }

    /** Refuses the file with a {@link ConfigurationProblem} when it breaks a limit; a missing file is left to the caller. */
    public static void check(Path file) {
        if (!Files.isRegularFile(file)) return;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ConfigurationProblem("the file", "cannot be read: " + e.getMessage());
        }
        if (size > MAX_BYTES) {
            throw new ConfigurationProblem("the file", "is %d bytes; a configuration may be at most 1 MiB (%d bytes): shorten it".formatted(size, MAX_BYTES));
        }
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw new ConfigurationProblem("the file", "is over 1 MiB; shorten it");
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationProblem("the file", "cannot be read: " + e.getMessage());
        }
        check(text);
    }

    /** The checks on the file's text. */
    static void check(String text) {
        List<Problem> mistakes = commonMistakes(text);
        if (!mistakes.isEmpty()) throw new ConfigurationProblem(mistakes);
        List<Object> documents = new ArrayList<>();
        try {
            for (Object document : yaml().loadAll(text)) {
                documents.add(document);
                if (documents.size() > 1) throw new ConfigurationProblem("the file", "holds more than one YAML document (---); keep one");
            }
        } catch (MarkedYAMLException yaml) {
            String line = yaml.getProblemMark() == null ? "" : " (line %d, column %d)".formatted(yaml.getProblemMark().getLine() + 1,
                    yaml.getProblemMark().getColumn() + 1);
            throw new ConfigurationProblem("the file" + line, "is not valid YAML: %s%s%s".formatted(yaml.getContext() == null ? "" : yaml.getContext() + ", ",
                    limits(yaml.getProblem()), hint(yaml.getProblem())));
        } catch (YAMLException yaml) {
            throw new ConfigurationProblem("the file", "cannot be read: " + limits(yaml.getMessage()));
        }
        if (documents.isEmpty() || documents.getFirst() == null) return;
        if (!(documents.getFirst() instanceof Map<?, ?> top)) {
            throw new ConfigurationProblem("the file", "must be a map whose only key is slipway:");
        }
        count(top, 0, new int[1]);
        List<Problem> problems = new ArrayList<>();
        for (Object key : top.keySet()) {
            String name = String.valueOf(key);
            if (TOP_LEVEL.contains(name)) continue;
            problems.add(new Problem(printable(name), unknownTopLevel(name)));
        }
        placeholders(top, "", problems);
        if (top.get("slipway") instanceof Map<?, ?> slipway && slipway.get("services") instanceof Map<?, ?> services) {
            for (Map.Entry<?, ?> service : services.entrySet()) {
                String serviceKey = String.valueOf(service.getKey());
                if (!Names.isValid(serviceKey)) {
                    problems.add(new Problem("slipway.services." + printable(serviceKey), notAName("service")));
                    continue;
                }
                if (service.getValue() instanceof Map<?, ?> properties && properties.get("environments") instanceof Map<?, ?> environments) {
                    for (Object environment : environments.keySet()) {
                        String environmentKey = String.valueOf(environment);
                        if (!Names.isValid(environmentKey)) {
                            problems.add(new Problem("slipway.services.%s.environments.%s".formatted(serviceKey, printable(environmentKey)), notAName("environment")));
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) throw new ConfigurationProblem(problems);
    }

    private static final Pattern UNQUOTED_PLACEHOLDER = Pattern.compile("(^|[:\\[,]|^\\s*-)\\s*(\\{version\\})");

    /**
     * The mistakes people make most in a first slipway.yml, found by line before the YAML parser gives its own words
     * for them: a tab in the indentation, and a tag pattern that starts with an unquoted {version} (which YAML reads as
     * a map).
     */
    static List<Problem> commonMistakes(String text) {
        List<Problem> problems = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size() && problems.size() < 10; i++) {
            String line = lines.get(i);
            int indentEnd = 0;
            while (indentEnd < line.length() && (line.charAt(indentEnd) == ' ' || line.charAt(indentEnd) == '\t')) indentEnd++;
            int tab = line.substring(0, indentEnd).indexOf('\t');
            if (tab >= 0) {
                problems.add(new Problem("the file (line %d, column %d)".formatted(i + 1, tab + 1),
                        "indents with a tab; YAML allows only spaces for indentation: replace the tab with spaces, keeping keys of one level in one column"));
                continue;
            }
            String code = withoutComment(line);
            Matcher placeholder = UNQUOTED_PLACEHOLDER.matcher(code);
            if (placeholder.find()) {
                String value = code.substring(placeholder.start(2)).strip();
                int end = value.indexOf(' ');
                String written = end < 0 ? value : value.substring(0, end);
                written = written.replaceAll("[,}\\]]+$", "");
                problems.add(new Problem("the file (line %d, column %d)".formatted(i + 1, placeholder.start(2) + 1),
                        "holds %s unquoted; YAML reads a value starting with { as a map: quote it, as in tag: \"%s\"".formatted(written, written)));
            }
        }
        return problems;
    }

    /** The line up to a comment: a # after a space, outside quotes. */
    private static String withoutComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) single = !single;
            else if (c == '"' && !single) dbl = !dbl;
            else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) return line.substring(0, i);
        }
        return line;
    }

    /** A hint for the parser's words that mostly mean one mistake. */
    private static String hint(String problem) {
        String said = problem == null ? "" : problem;
        if (said.contains("mapping values are not allowed") || said.contains("expected <block end>") || said.contains("could not find expected ':'")
                || said.contains("did not find expected key") || said.contains("expected <block mapping start>")) {
            return ". Most often this is indentation: keys of one level must start in the same column (spaces only, two per level), and a "
                    + "value holding ': ' or starting with { [ * & ! | > ' \" @ ` must be quoted";
        }
        if (said.contains("found character '\\t'") || said.contains("found character '\t'")) return ". Indent with spaces, not tabs";
        return "";
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options);
    }

    /** Counts the values as binding would see them, aliases expanded; refuses a file that expands past the limit. */
    private static void count(Object node, int depth, int[] seen) {
        if (++seen[0] > MAX_VALUES || depth > MAX_DEPTH) {
            throw new ConfigurationProblem("the file", "expands to more than %d values (through YAML aliases or nesting); write it out plainly".formatted(MAX_VALUES));
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                count(entry.getKey(), depth + 1, seen);
                count(entry.getValue(), depth + 1, seen);
            }
        } else if (node instanceof Collection<?> items) {
            for (Object item : items) count(item, depth + 1, seen);
        }
    }

    private static void placeholders(Object node, String path, List<Problem> problems) {
        if (problems.size() > 20) return;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) placeholders(entry.getValue(), path.isEmpty() ? printable(String.valueOf(entry.getKey()))
                    : path + "." + printable(String.valueOf(entry.getKey())), problems);
        } else if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) placeholders(item, path + "[" + i++ + "]", problems);
        } else if (node instanceof String value && value.contains("${")) {
            problems.add(new Problem(path, "holds a placeholder (${...}); slipway.yml is read as written: put the value itself, and secrets in the environment"));
        }
    }

    private static String unknownTopLevel(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        String first = lower.split("[.\\[]", 2)[0];
        if (key.matches("[A-Z][A-Z0-9_]*") || lower.contains("secret") || lower.contains("token") || lower.contains("password")) {
            return "is not a known key; allowed at the top: slipway. Secrets (GITHUB_WEBHOOK_SECRET, SLIPWAY_API_TOKEN_*, SLACK_*, "
                    + "SLIPWAY_DB_PASSWORD) are read from the process environment only: export the variable instead";
        }
        if (SPRING.contains(first)) {
            return "is not a known key; allowed at the top: slipway. Spring's own settings (server.*, management.*, spring.*, logging.*) "
                    + "cannot be set from slipway.yml; the server's port is slipway.server.port";
        }
        return "is not a known key; allowed at the top: slipway";
    }

    private static String notAName(String kind) {
        return "is not a valid %s name: use lower-case letters, digits and '-', starting with a letter, at most 40 characters (names are never rewritten)"
                .formatted(kind);
    }

    private static String limits(String message) {
        String line = message == null ? "unreadable" : message.strip().lines().findFirst().orElse("unreadable");
        String lower = line.toLowerCase(Locale.ROOT);
        if (!lower.contains("alias") && !lower.contains("nesting") && !lower.contains("limit") && !lower.contains("exceed")) return line;
        return line + " (slipway.yml allows at most %d aliases, %d levels of nesting and 1 MiB)".formatted(MAX_ALIASES, MAX_DEPTH);
    }

    private static String printable(String text) {
        String shown = dev.slipway.domain.input.FreeText.printable(text);
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }
}
