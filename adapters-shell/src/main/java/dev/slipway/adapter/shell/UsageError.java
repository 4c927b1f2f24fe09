package dev.slipway.adapter.shell;

/** The words typed do not make a valid command (unknown option, missing argument, bad duration); exit code 2. */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message, null, false, false);
    }
}
