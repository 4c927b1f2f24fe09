package dev.slipway.application.fakes;

import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.application.port.out.VersionControlContract;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.CommitId;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The version control contract run against the in-memory fake, plus the fake's own fixture behaviour. */
class FakeVersionControlTest extends VersionControlContract {

    private final FakeVersionControl git = new FakeVersionControl();

    @Override
    protected VersionControl versionControl() {
        return git;
    }

    @Override
    protected SourceRepository newRepository(String name) {
        return git.newRepository(name);
    }

    @Override
    protected CommitId commit(SourceRepository repository, String branch, Map<String, String> files, String message, String author) {
        return git.commit(repository, branch, files, message, author);
    }

    @Override
    protected void checkout(SourceRepository repository, String branch) {
        git.checkout(repository, branch);
    }

    @Override
    protected void detach(SourceRepository repository) {
        git.detach(repository);
    }

    @Override
    protected void addRemote(SourceRepository repository) {
        git.addRemote(repository);
    }

    @Override
    protected void lightweightTag(SourceRepository repository, String name, CommitId commit) {
        git.addTag(repository, name, commit);
    }

    @Override
    protected CommitId commitFromAnotherClone(SourceRepository repository, String branch, Map<String, String> files, String message) {
        return git.commitOnRemote(repository, branch, files, message, "Someone Else");
    }

    @Override
    protected void tagFromAnotherClone(SourceRepository repository, String name, CommitId commit) {
        git.tagOnRemote(repository, name, commit);
    }

    @Override
    protected Set<String> remoteTags(SourceRepository repository) {
        return git.pushedTags(repository);
    }

    @Override
    protected Optional<CommitId> remoteBranchHead(SourceRepository repository, String branch) {
        return git.remoteBranchHead(repository, branch);
    }

    @Override
    protected void modifyTrackedFile(SourceRepository repository, String path) {
        git.modifyWorkingCopy(repository, path);
    }

    @Override
    protected void addUntrackedFile(SourceRepository repository, String path) {
        git.addUntrackedFile(repository, path);
    }

    @Override
    protected SourceRepository missingRepository() {
        return new SourceRepository("memory:nowhere");
    }

    @Test
    void failsTheNextCallOfAMethodOnceWhenToldTo() {
        var repo = git.newRepository("hello");
        git.commit(repo, "dev", Map.of("app.py", "v1"), "first commit", "Ada");
        git.failNext("tagNames");

        assertThatThrownBy(() -> git.tagNames(repo))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> {
                    assertThat(f.action()).isEqualTo("list tags");
                    assertThat(f.retryable()).isTrue();
                });
        assertThat(git.tagNames(repo)).isEmpty();
    }

    @Test
    void refusesToFailAMethodThePortDoesNotHave() {
        assertThatThrownBy(() -> git.failNext("tagz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tagNames");
    }

    @Test
    void recordsTheTaggerAndMessageOfAnAnnotatedTag() {
        var repo = git.newRepository("hello");
        var first = git.commit(repo, "dev", Map.of("app.py", "v1"), "first commit", "Ada");

        git.createTag(repo, "0.1.0-dev", first, "release 0.1.0-dev", RELEASER);

        assertThat(git.tagAnnotation(repo, "0.1.0-dev")).contains("U024BE7LH: release 0.1.0-dev");
    }

    @Test
    void rejectsAPushThatIsNotAFastForward() {
        var repo = git.newRepository("hello");
        git.commit(repo, "dev", Map.of("app.py", "v1"), "first commit", "Ada");
        git.addRemote(repo);
        git.pushBranch(repo, "dev");
        git.commitOnRemote(repo, "dev", Map.of("app.py", "theirs"), "pushed elsewhere", "Bob");
        git.commit(repo, "dev", Map.of("app.py", "ours"), "local", "Ada");

        assertThatThrownBy(() -> git.pushBranch(repo, "dev"))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> assertThat(f.retryable()).isFalse())
                .hasMessageContaining("fast-forward");
    }

    @Test
    void keepsTheParentsOfAMergeCommit() {
        var repo = git.newRepository("hello");
        git.commit(repo, "main", Map.of("a", "1"), "first", "Ada");
        var dev = git.commit(repo, "dev", Map.of("b", "2"), "dev", "Ada");
        var main = git.commit(repo, "main", Map.of("c", "3"), "main", "Ada");
        git.checkout(repo, "dev");

        var merged = (VersionControl.MergeResult.Merged) git.merge(repo, dev, "main", "promote", RELEASER);

        assertThat(git.parents(repo, merged.head())).containsExactly(main, dev);
        assertThat(git.files(repo, merged.head())).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
    }
}
