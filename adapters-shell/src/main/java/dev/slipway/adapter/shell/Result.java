package dev.slipway.adapter.shell;

/**
 * What a command has to say: its exit code, the text for people and the JSON document for scripts. {@code problem}
 * marks text that belongs on the error stream (a usage error, a crash) rather than with the results on stdout.
 */
record Result(ExitCode exit, String text, JsonDocument json, boolean problem) {

    static Result of(ExitCode exit, String text, JsonDocument json) {
        return new Result(exit, text, json, false);
    }

    static Result problem(ExitCode exit, String text, JsonDocument json) {
        return new Result(exit, text, json, true);
    }
}
