package dev.slipway.domain.rollback;

import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.version.Version;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollbackPolicyTest {

    private static Release release(int patch) {
        return Release.of("hello", new Version(0, 1, patch), "0.1.%d-dev".formatted(patch), CommitId.of(Integer.toString(patch).repeat(40).substring(0, 40)));
    }

    @Test
    void returnsToTheNewestSucceededReleaseThatStillExists() {
        var failed = release(3);
        var succeeded = List.of(release(3), release(2), release(1), release(0));

        assertThat(RollbackPolicy.restoreTarget(succeeded, failed, r -> true)).contains(release(2));
        assertThat(RollbackPolicy.restoreTarget(succeeded, failed, r -> r.version().patch() < 2)).contains(release(1));
        assertThat(RollbackPolicy.restoreTarget(List.of(failed), failed, r -> true)).isEmpty();
    }

    @Test
    void rollsBackOnlyOnTheFailuresItNames() {
        var onRollout = new RollbackPolicy(true, Set.of(FailureKind.ROLLOUT));

        assertThat(onRollout.rollsBackOn(FailureKind.ROLLOUT)).isTrue();
        assertThat(onRollout.rollsBackOn(FailureKind.VERIFICATION)).isFalse();
        assertThat(RollbackPolicy.MANUAL.rollsBackOn(FailureKind.ROLLOUT)).isFalse();
        assertThat(RollbackPolicy.AUTOMATIC.rollsBackOn(FailureKind.TIMEOUT)).isTrue();
        assertThatThrownBy(() -> new RollbackPolicy(true, Set.of())).hasMessageContaining("at least one failure");
    }
}
