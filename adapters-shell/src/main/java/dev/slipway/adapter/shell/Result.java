package dev.slipway.adapter.shell;

/**
 * What a command has to say: its exit code, the text for people and the JSON document for scripts. {@code problem}
 * marks text that belongs on the error stream (a usage error, a refusal, a crash) rather than with the results on stdout.
 */
record Result(ExitCode exit, String text, JsonDocument json, boolean problem, String errors) {

    /** {@code errors}: problems to say on the error stream beside results on stdout (status --check's failures); may be empty. */
    Result {
        errors = errors == null ? "" : errors;
    }

    static Result of(ExitCode exit, String text, JsonDocument json) {
        return new Result(exit, text, json, false, "");
    }

    static Result problem(ExitCode exit, String text, JsonDocument json) {
        return new Result(exit, text, json, true, "");
    }
}
