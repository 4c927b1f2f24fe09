package dev.slipway.adapter.shell;

import dev.slipway.application.presentation.OutcomePresenter;

import java.util.List;

/**
 * The JSON document for a failure that happens before any command runs (the start-up options, a configuration that
 * cannot be used, a crash while starting), so that a script that asked for {@code --output json} always reads one
 * document on stdout with {@code outcome}, {@code message} and {@code exitCode}, whatever went wrong.
 */
public final class FailureDocument {

    private FailureDocument() {
    }

    /** Whether the words ask for JSON: {@code --output json} or {@code --output=json}, anywhere on the command line. */
    public static boolean asked(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--output=json")) return true;
            if (word.equals("--output") && i + 1 < words.size() && words.get(i + 1).strip().equalsIgnoreCase("json")) return true;
        }
        return false;
    }

    /** Bad input or configuration: {@code invalid}, exit 2. */
    public static String badInput(String problem, String next) {
        return JsonDocument.of(OutcomePresenter.badInput(problem, next)).build().toJson();
    }

    /** Something nobody planned for: {@code error}, exit 1. */
    public static String unexpected(String message) {
        return JsonDocument.of(OutcomePresenter.unexpected(message)).build().toJson();
    }
}
