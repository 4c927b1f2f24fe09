package dev.slipway.application.port.in;

/** The answer to a question about the registry: the answer itself, or why the question is wrong. */
public sealed interface QueryOutcome<T> permits QueryOutcome.Answer, Invalid {

    record Answer<T>(T value) implements QueryOutcome<T> {}
}
