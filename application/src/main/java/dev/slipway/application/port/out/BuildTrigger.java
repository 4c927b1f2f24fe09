package dev.slipway.application.port.out;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts builds or pipelines outside Slipway ({@code codebuild}, {@code codepipeline}) and follows them to their end.
 * Every method may throw {@link OutsideSystemFailure}.
 */
public interface BuildTrigger {

    /** The trigger type, as written in configuration. */
    String type();

    /** Starts {@code project} with {@code variables} (such as VERSION and IMAGE_TAG) where the build system takes them. */
    Build start(String project, Map<String, String> variables, StepContext step);

    /**
     * Follows {@code build} until it ends, reporting each new phase to {@code step}; when {@code step}'s deadline passes
     * first, answers the build as last seen, still {@link State#IN_PROGRESS}.
     */
    Build await(Build build, StepContext step);

    /** The latest build or execution of {@code project}, empty when it never ran. */
    Optional<Build> latest(String project);

    /** Where a build is. */
    enum State { IN_PROGRESS, SUCCEEDED, FAILED, STOPPED;

        public boolean finished() {
            return this != IN_PROGRESS;
        }
    }

    /** A build or pipeline execution: its id, state, the phases or stages seen so far, a link for people, and why it failed. */
    record Build(String project, String id, State state, List<String> phases, Optional<URI> link, String detail) {
        public Build {
            if (project == null || project.isBlank() || id == null || id.isBlank() || state == null) throw new IllegalArgumentException("a build needs a project, an id and a state");
            phases = phases == null ? List.of() : List.copyOf(phases);
            link = link == null ? Optional.empty() : link;
            detail = detail == null ? "" : detail;
        }
    }
}
