package dev.slipway.adapter.shell;

import org.springframework.shell.core.command.ExitStatus;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The headless exit codes: part of the interface, documented in every command's help and in the README. */
public enum ExitCode {
    SUCCEEDED(0, "succeeded"),
    UNEXPECTED(1, "anything unexpected; for status --check, an environment that is down, unhealthy or drifting"),
    BAD_INPUT(2, "bad input or configuration"),
    REFUSED(3, "refused by policy (branch, branch-not-published, uncommitted-changes, older-than-running, nothing-new, plan-changed, lock, approval, confirmation)"),
    ROLLED_BACK(4, "failed and the environment is as it was (nothing changed, or rolled back)"),
    FAILED(5, "failed and not rolled back, the rollback failed, or this process lost its lock"),
    TIMED_OUT(6, "timed out waiting");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public ExitStatus status() {
        return new ExitStatus(code, meaning);
    }

    /** The exit code a Spring Shell status stands for; its own negative codes are usage and execution errors. */
    public static ExitCode of(ExitStatus status) {
        for (ExitCode exit : values()) {
            if (exit.code == status.code()) return exit;
        }
        return status.code() == ExitStatus.USAGE_ERROR.code() || status.code() == ExitStatus.AVAILABILITY_ERROR.code()
                ? BAD_INPUT : UNEXPECTED;
    }

    /** The exit code the presenter answered. */
    public static ExitCode of(int code) {
        for (ExitCode exit : values()) {
            if (exit.code == code) return exit;
        }
        throw new IllegalArgumentException("%d is not a documented exit code".formatted(code));
    }

    /** The legend printed in help, one code per line. */
    public static String legend() {
        return Arrays.stream(values())
                .map(exit -> "  %d  %s".formatted(exit.code, exit.meaning))
                .collect(Collectors.joining("\n", "EXIT CODES\n", "\n"));
    }
}
