package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.BuildTrigger.Build;

import java.time.Instant;
import java.util.Optional;

/** A build trigger that can also say when its latest build or execution started, for the status (the seed's {@code pipeline-status}). */
interface LatestBuilds {

    /** The latest build or execution of {@code project} and when it started (empty when AWS does not say); empty when it never ran. */
    Optional<Latest> latestWithStart(String project);

    record Latest(Build build, Optional<Instant> startedAt) {}
}
