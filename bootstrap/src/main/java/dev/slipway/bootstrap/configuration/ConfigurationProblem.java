package dev.slipway.bootstrap.configuration;

import java.util.List;

/**
 * The configuration file cannot be used: each {@link Problem} names the key path, what is wrong and what is allowed.
 * Start-up reports it as a short message and exit code 2, never as a stack trace.
 */
public final class ConfigurationProblem extends RuntimeException {

    private final List<Problem> problems;

    public ConfigurationProblem(List<Problem> problems) {
        super(render(problems), null, false, false);
        if (problems.isEmpty()) throw new IllegalArgumentException("a configuration problem needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    public ConfigurationProblem(String key, String message) {
        this(List.of(new Problem(key, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** What one key got wrong; {@code key} is its full path such as {@code slipway.services.hello.repository}. */
    public record Problem(String key, String message) {
        @Override
        public String toString() {
            return key + ": " + message;
        }
    }

    private static String render(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem problem : problems) {
            if (!text.isEmpty()) text.append('\n');
            text.append(problem);
        }
        return text.toString();
    }
}
