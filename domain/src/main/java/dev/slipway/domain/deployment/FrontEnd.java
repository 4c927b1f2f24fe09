package dev.slipway.domain.deployment;

/** The front end an actor came through. */
public enum FrontEnd {
    CLI, SHELL, SLACK, API, WEBHOOK, SYSTEM
}
