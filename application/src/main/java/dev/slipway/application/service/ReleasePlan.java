package dev.slipway.application.service;

import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;

import java.util.List;
import java.util.Optional;

/**
 * What a deployment would bring: the release (tag and commit), whether its tag must still be created, what runs now,
 * the commits in between, and the rule results found while planning ({@code refusal} empty when nothing objects).
 * {@code journal} lists the planning steps already done, as (step, detail) pairs, for the deployment's journal.
 */
record ReleasePlan(Service service, Environment environment, Kind kind, Release release, boolean createTag, Optional<String> branch,
                   Optional<String> branchRefusal, Optional<Release> current, ReleaseNotes notes, List<String[]> journal) {
}
