package dev.slipway.application.port.out;

import dev.slipway.application.port.out.BuildTrigger.Build;
import dev.slipway.application.port.out.BuildTrigger.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link BuildTrigger} does, run against the fake and against each real adapter. */
public abstract class BuildTriggerContract {

    protected abstract BuildTrigger trigger();

    /** A project whose builds go through phases and succeed. */
    protected abstract String succeedingProject();

    /** A project whose builds fail. */
    protected abstract String failingProject();

    /** A project whose builds never end. */
    protected abstract String endlessProject();

    /** A project that never ran. */
    protected abstract String idleProject();

    private final Map<String, String> variables = Map.of("VERSION", "0.1.30-dev", "IMAGE_TAG", "0.1.30-dev");

    @Test
    void aBuildFollowedToItsEndSucceedsAfterItsPhases() {
        RecordingStepContext step = new RecordingStepContext(Instant.now().plusSeconds(10));
        Build started = trigger().start(succeedingProject(), variables, step);

        Build done = trigger().await(started, step);

        assertThat(started.id()).isNotBlank();
        assertThat(done.id()).isEqualTo(started.id());
        assertThat(done.state()).isEqualTo(State.SUCCEEDED);
        assertThat(done.phases()).isNotEmpty();
        assertThat(step.reports()).isNotEmpty();
    }

    @Test
    void aFailingBuildEndsFailedSayingWhy() {
        RecordingStepContext step = new RecordingStepContext(Instant.now().plusSeconds(10));

        Build done = trigger().await(trigger().start(failingProject(), variables, step), step);

        assertThat(done.state()).isEqualTo(State.FAILED);
        assertThat(done.detail()).isNotBlank();
    }

    @Test
    void followingABuildStopsAtTheDeadlineWithTheBuildStillInProgress() {
        RecordingStepContext step = new RecordingStepContext(Instant.now().plusMillis(300));

        Build seen = trigger().await(trigger().start(endlessProject(), variables, step), step);

        assertThat(seen.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(Instant.now()).isAfterOrEqualTo(step.deadline());
    }

    @Test
    void theLatestBuildIsTheOneStartedLast() {
        RecordingStepContext step = new RecordingStepContext(Instant.now().plusSeconds(10));
        Build started = trigger().start(succeedingProject(), variables, step);
        trigger().await(started, step);

        assertThat(trigger().latest(succeedingProject())).hasValueSatisfying(latest -> assertThat(latest.id()).isEqualTo(started.id()));
    }

    @Test
    void aProjectThatNeverRanHasNoLatestBuild() {
        assertThat(trigger().latest(idleProject())).isEmpty();
    }
}
