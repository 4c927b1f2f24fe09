package dev.slipway.adapter.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStateTest {

    @TempDir
    Path directory;

    private static Instance instance(String tag, long pid, int port) {
        return new Instance(tag, pid, Optional.of(Instant.parse("2026-11-24T09:00:00.120Z")), port, Path.of("/var/log/" + tag + ".log"));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        RunState state = new RunState(Optional.of(instance("0.1.2-dev", 4242, 18081)), Optional.of(instance("0.1.1-dev", 4141, 18080)),
                List.of("0.1.2-dev", "0.1.1-dev"));
        Path file = directory.resolve("run/hello/dev.state");

        state.write(file);

        assertThat(RunState.read(file)).isEqualTo(state);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void isEmptyWhenNoFileWasWritten() throws IOException {
        assertThat(RunState.read(directory.resolve("dev.state"))).isEqualTo(RunState.EMPTY);
        assertThat(RunState.readStarting(directory.resolve("dev.starting"))).isEmpty();
    }

    @Test
    void switchingMakesTheCurrentReleaseThePreviousOne() {
        RunState state = RunState.EMPTY.switchedTo(instance("0.1.1-dev", 1, 18080)).switchedTo(instance("0.1.2-dev", 2, 18081));

        assertThat(state.current()).map(Instance::tag).contains("0.1.2-dev");
        assertThat(state.previous()).map(Instance::tag).contains("0.1.1-dev");
        assertThat(state.history()).containsExactly("0.1.2-dev", "0.1.1-dev");
    }

    @Test
    void restartingTheSameReleaseKeepsThePreviousOne() {
        RunState state = RunState.EMPTY.switchedTo(instance("0.1.1-dev", 1, 18080)).switchedTo(instance("0.1.2-dev", 2, 18081))
                .switchedTo(instance("0.1.2-dev", 3, 18080));

        assertThat(state.previous()).map(Instance::tag).contains("0.1.1-dev");
        assertThat(state.history()).containsExactly("0.1.2-dev", "0.1.1-dev");
    }

    @Test
    void aFailedAttemptJoinsTheHistoryButChangesNothingThatRuns() {
        RunState before = RunState.EMPTY.switchedTo(instance("0.1.1-dev", 1, 18080));

        RunState after = before.attempted("0.1.2-dev");

        assertThat(after.current()).isEqualTo(before.current());
        assertThat(after.history()).containsExactly("0.1.2-dev", "0.1.1-dev");
    }

    @Test
    void aDamagedFileSaysWhatToDo() throws IOException {
        Path file = directory.resolve("dev.state");
        Files.writeString(file, "tag=0.1.1-dev\npid=many\n");

        assertThatThrownBy(() -> RunState.read(file)).isInstanceOf(IOException.class).hasMessageContaining("damaged").hasMessageContaining("move it away");
    }

    @Test
    void aProcessThatIsNotRunningIsNoInstance() {
        assertThat(instance("0.1.1-dev", Long.MAX_VALUE, 18080).process()).isEmpty();
    }

    @Test
    void theSamePidWithAnotherStartIsAnotherProcess() {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElseThrow();

        assertThat(new Instance("t", self.pid(), Optional.of(started), 18080, Path.of("l")).process()).isPresent();
        assertThat(new Instance("t", self.pid(), Optional.of(started.minusSeconds(60)), 18080, Path.of("l")).process()).isEmpty();
    }
}
