package dev.slipway.application.port.out;

import dev.slipway.application.port.out.VersionControl.MergeResult;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link VersionControl} does, run against the in-memory fake and against each real adapter. Subclasses
 * build histories through the fixture hooks; a commit on a branch that does not exist yet starts from HEAD's commit,
 * and the branch of a repository's first commit is the one checked out.
 */
public abstract class VersionControlContract {

    protected static final Actor RELEASER = Actor.of("U024BE7LH", FrontEnd.SLACK);

    @TempDir
    protected Path scratch;

    /** The version control under test. */
    protected abstract VersionControl versionControl();

    /** A new repository without commits and without a remote. */
    protected abstract SourceRepository newRepository(String name);

    /** Commits {@code files} on top of {@code branch} (created at HEAD's commit when missing) and returns the commit. */
    protected abstract CommitId commit(SourceRepository repository, String branch, Map<String, String> files, String message, String author);

    /** Checks out an existing local branch. */
    protected abstract void checkout(SourceRepository repository, String branch);

    /** Detaches HEAD at its current commit. */
    protected abstract void detach(SourceRepository repository);

    /** Gives the repository an empty remote named origin that can be pushed to and fetched from. */
    protected abstract void addRemote(SourceRepository repository);

    /** Creates a lightweight tag, as {@code git tag NAME COMMIT} does. */
    protected abstract void lightweightTag(SourceRepository repository, String name, CommitId commit);

    /** Another clone commits {@code files} on the remote's {@code branch} (a new root commit when it is missing). */
    protected abstract CommitId commitFromAnotherClone(SourceRepository repository, String branch, Map<String, String> files, String message);

    /** Another clone tags a commit the remote has and pushes the tag. */
    protected abstract void tagFromAnotherClone(SourceRepository repository, String name, CommitId commit);

    /** The names of the tags on the remote. */
    protected abstract Set<String> remoteTags(SourceRepository repository);

    /** Where the remote's branch points, or empty. */
    protected abstract Optional<CommitId> remoteBranchHead(SourceRepository repository, String branch);

    /** Changes a tracked file in the working copy without staging or committing it. */
    protected abstract void modifyTrackedFile(SourceRepository repository, String path);

    /** Creates a file that git does not track in the working copy. */
    protected abstract void addUntrackedFile(SourceRepository repository, String path);

    /** A repository location where there is no repository. */
    protected abstract SourceRepository missingRepository();

    private CommitId commit(SourceRepository repository, String branch, Map<String, String> files, String message) {
        return commit(repository, branch, files, message, "Ada Lovelace");
    }

    // ---------------------------------------------------------------- branches and HEAD

    @Test
    void reportsTheBranchThatIsCheckedOut() {
        var repo = newRepository("hello");
        var first = commit(repo, "main", Map.of("app.py", "v1"), "first commit");
        commit(repo, "dev", Map.of("app.py", "v2"), "second commit");
        checkout(repo, "dev");

        assertThat(versionControl().currentBranch(repo)).contains("dev");
        checkout(repo, "main");
        assertThat(versionControl().currentBranch(repo)).contains("main");
        assertThat(versionControl().branchHead(repo, "main")).contains(first);
    }

    @Test
    void reportsNoBranchOnADetachedHead() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        detach(repo);

        assertThat(versionControl().currentBranch(repo)).isEmpty();
    }

    @Test
    void findsTheHeadOfALocalBranchAndNothingForAnUnknownOne() {
        var repo = newRepository("hello");
        commit(repo, "main", Map.of("app.py", "v1"), "first commit");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2"), "second commit");

        assertThat(versionControl().branchHead(repo, "dev")).contains(devHead);
        assertThat(versionControl().branchHead(repo, "feature/nope")).isEmpty();
    }

    // ---------------------------------------------------------------- tags

    @Test
    void listsEveryTagAndFindsTheCommitOfLightweightAndAnnotatedTags() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        var second = commit(repo, "dev", Map.of("app.py", "v2"), "second commit");
        lightweightTag(repo, "0.1.0-dev", first);
        versionControl().createTag(repo, "0.1.1-dev", second, "release 0.1.1-dev", RELEASER);

        assertThat(versionControl().tagNames(repo)).containsExactlyInAnyOrder("0.1.0-dev", "0.1.1-dev");
        assertThat(versionControl().tag(repo, "0.1.0-dev")).contains(first);
        assertThat(versionControl().tag(repo, "0.1.1-dev")).contains(second);
        assertThat(versionControl().tag(repo, "0.1.2-dev")).isEmpty();
    }

    @Test
    void readsTheMessageOfAnAnnotatedTagAndNoneOfALightweightOne() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        lightweightTag(repo, "0.1.0-dev", first);
        versionControl().createTag(repo, "0.1.1-dev", first, "New login page\n\nUsers sign in with SSO.\n", RELEASER);

        assertThat(versionControl().tagMessage(repo, "0.1.1-dev")).contains("New login page\n\nUsers sign in with SSO.");
        assertThat(versionControl().tagMessage(repo, "0.1.0-dev")).isEmpty();
        assertThat(versionControl().tagMessage(repo, "0.9.9-dev")).isEmpty();
    }

    @Test
    void listsNoTagsInARepositoryWithoutAny() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");

        assertThat(versionControl().tagNames(repo)).isEmpty();
    }

    @Test
    void refusesToCreateATagThatExistsAndLeavesItWhereItWas() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        var second = commit(repo, "dev", Map.of("app.py", "v2"), "second commit");
        versionControl().createTag(repo, "0.1.0-dev", first, "release", RELEASER);

        assertThatThrownBy(() -> versionControl().createTag(repo, "0.1.0-dev", second, "again", RELEASER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.1.0-dev");
        assertThat(versionControl().tag(repo, "0.1.0-dev")).contains(first);
    }

    @Test
    void refusesToTagACommitTheRepositoryDoesNotHave() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        var stranger = CommitId.of("0123456789abcdef0123456789abcdef01234567");

        assertThatThrownBy(() -> versionControl().createTag(repo, "0.1.0-dev", stranger, "release", RELEASER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(stranger.sha());
        assertThat(versionControl().tagNames(repo)).isEmpty();
    }

    // ---------------------------------------------------------------- remote

    @Test
    void fetchDoesNothingWhenThereIsNoRemote() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");

        assertThat(versionControl().hasRemote(repo)).isFalse();
        versionControl().fetch(repo);
        assertThat(versionControl().branchHead(repo, "dev")).contains(first);
    }

    @Test
    void fetchBringsBranchesAndTagsThatAnotherClonePushed() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        addRemote(repo);
        versionControl().pushBranch(repo, "dev");
        var elsewhere = commitFromAnotherClone(repo, "main", Map.of("app.py", "hotfix"), "hotfix on main");
        tagFromAnotherClone(repo, "v0.2.0", elsewhere);

        assertThat(versionControl().hasRemote(repo)).isTrue();
        assertThat(versionControl().branchHead(repo, "main")).isEmpty();
        versionControl().fetch(repo);

        assertThat(versionControl().branchHead(repo, "main")).contains(elsewhere);
        assertThat(versionControl().tagNames(repo)).contains("v0.2.0");
        assertThat(versionControl().tag(repo, "v0.2.0")).contains(elsewhere);
    }

    @Test
    void fetchKeepsTheTagsThatAreOnlyLocal() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        addRemote(repo);
        versionControl().pushBranch(repo, "dev");
        versionControl().createTag(repo, "0.1.0-dev", first, "not pushed yet", RELEASER);

        versionControl().fetch(repo);

        assertThat(versionControl().tag(repo, "0.1.0-dev")).contains(first);
        assertThat(remoteTags(repo)).isEmpty();
    }

    @Test
    void thePublishedHeadIsTheRemotesBranchAfterAFetchAndTheLocalOneWithoutARemote() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        assertThat(versionControl().publishedHead(repo, "dev")).contains(first);
        addRemote(repo);
        versionControl().pushBranch(repo, "dev");
        commit(repo, "dev", Map.of("app.py", "v2"), "not pushed yet");
        var pushed = commitFromAnotherClone(repo, "main", Map.of("app.py", "hotfix"), "pushed elsewhere");

        versionControl().fetch(repo);

        assertThat(versionControl().publishedHead(repo, "dev")).contains(first);
        assertThat(versionControl().publishedHead(repo, "main")).contains(pushed);
        assertThat(versionControl().publishedHead(repo, "feature/nope")).isEmpty();
    }

    @Test
    void aLocalBranchWinsOverTheRemoteOneOfTheSameName() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        addRemote(repo);
        versionControl().pushBranch(repo, "dev");
        var local = commit(repo, "dev", Map.of("app.py", "v2"), "not pushed yet");

        versionControl().fetch(repo);

        assertThat(versionControl().branchHead(repo, "dev")).contains(local);
    }

    @Test
    void pushesATagToTheRemote() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        addRemote(repo);
        versionControl().createTag(repo, "0.1.30-dev", first, "release 0.1.30-dev", RELEASER);

        versionControl().pushTag(repo, "0.1.30-dev");

        assertThat(remoteTags(repo)).containsExactly("0.1.30-dev");
    }

    @Test
    void pushesABranchToTheRemote() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        var head = commit(repo, "dev", Map.of("app.py", "v2"), "second commit");
        addRemote(repo);

        versionControl().pushBranch(repo, "dev");

        assertThat(remoteBranchHead(repo, "dev")).contains(head);
    }

    @Test
    void pushingATagWithoutARemoteFailsWithoutARetry() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        versionControl().createTag(repo, "0.1.0-dev", first, "release", RELEASER);

        assertThatThrownBy(() -> versionControl().pushTag(repo, "0.1.0-dev"))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> {
                    assertThat(f.system()).isEqualTo("git");
                    assertThat(f.retryable()).isFalse();
                });
    }

    // ---------------------------------------------------------------- what is published, what is not

    @Test
    void countsTheCommitsOnlyTheLocalBranchAndOnlyTheRemotesHave() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        addRemote(repo);
        versionControl().pushBranch(repo, "dev");
        versionControl().fetch(repo);
        assertThat(versionControl().aheadBehind(repo, "dev")).isEqualTo(VersionControl.AheadBehind.EVEN);

        commit(repo, "dev", Map.of("app.py", "v2"), "second commit");
        commit(repo, "dev", Map.of("app.py", "v3"), "third commit");
        assertThat(versionControl().aheadBehind(repo, "dev")).isEqualTo(new VersionControl.AheadBehind(2, 0));

        commitFromAnotherClone(repo, "dev", Map.of("README.md", "elsewhere"), "pushed elsewhere");
        versionControl().fetch(repo);
        assertThat(versionControl().aheadBehind(repo, "dev")).isEqualTo(new VersionControl.AheadBehind(2, 1));
    }

    @Test
    void aBranchTheRemoteLacksIsAheadByAllItsCommitsAndNothingIsApartWithoutARemote() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        commit(repo, "dev", Map.of("app.py", "v2"), "second commit");
        assertThat(versionControl().aheadBehind(repo, "dev")).isEqualTo(VersionControl.AheadBehind.EVEN);

        addRemote(repo);
        versionControl().fetch(repo);

        assertThat(versionControl().aheadBehind(repo, "dev")).isEqualTo(new VersionControl.AheadBehind(2, 0));
    }

    @Test
    void listsTrackedFilesChangedInTheWorkingCopyButNotUntrackedOnes() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1", "README.md", "hello"), "first commit");
        assertThat(versionControl().uncommittedChanges(repo)).isEmpty();

        addUntrackedFile(repo, "notes.txt");
        assertThat(versionControl().uncommittedChanges(repo)).isEmpty();

        modifyTrackedFile(repo, "app.py");
        assertThat(versionControl().uncommittedChanges(repo)).containsExactly("app.py");
    }

    @Test
    void deletesALocalTagAndIgnoresOneThatDoesNotExist() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        versionControl().createTag(repo, "0.1.0-dev", first, "push failed", RELEASER);

        versionControl().deleteTag(repo, "0.1.0-dev");
        versionControl().deleteTag(repo, "0.1.1-dev");

        assertThat(versionControl().tag(repo, "0.1.0-dev")).isEmpty();
        versionControl().createTag(repo, "0.1.0-dev", first, "second attempt", RELEASER);
        assertThat(versionControl().tag(repo, "0.1.0-dev")).contains(first);
    }

    @Test
    void findsATagOnTheRemoteAndNotOneThatIsOnlyLocal() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        versionControl().createTag(repo, "0.1.0-dev", first, "local only", RELEASER);
        assertThat(versionControl().remoteTag(repo, "0.1.0-dev")).as("without a remote, the local tag").contains(first);

        addRemote(repo);
        versionControl().pushBranch(repo, "dev");
        tagFromAnotherClone(repo, "0.1.1-dev", first);

        assertThat(versionControl().remoteTag(repo, "0.1.0-dev")).isEmpty();
        assertThat(versionControl().remoteTag(repo, "0.1.1-dev")).contains(first);
        assertThat(versionControl().remoteTag(repo, "0.9.9-dev")).isEmpty();
        assertThat(versionControl().tagNames(repo)).doesNotContain("0.1.1-dev");
    }

    @Test
    void mergesOntoTheRemotesBranchWhenTheLocalOneIsStale() {
        var repo = newRepository("hello");
        commit(repo, "main", Map.of("app.py", "v1"), "first commit");
        addRemote(repo);
        versionControl().pushBranch(repo, "main");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2"), "feature");
        checkout(repo, "dev");
        var hotfix = commitFromAnotherClone(repo, "main", Map.of("README.md", "hotfix"), "hotfix on main");
        versionControl().fetch(repo);

        var result = versionControl().merge(repo, devHead, "main", "promote dev", RELEASER);

        CommitId head = switch (result) {
            case MergeResult.Merged m -> m.head();
            default -> throw new AssertionError("expected a merge commit, got " + result);
        };
        assertThat(versionControl().isAncestor(repo, hotfix, head)).isTrue();
        assertThat(versionControl().isAncestor(repo, devHead, head)).isTrue();
        versionControl().pushBranch(repo, "main");
        assertThat(remoteBranchHead(repo, "main")).contains(head);
    }

    // ---------------------------------------------------------------- history

    @Test
    void listsTheCommitsBetweenTwoVersionsNewestFirst() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        var second = commit(repo, "dev", Map.of("app.py", "v2"), "second commit\n\nwith a body");
        var third = commit(repo, "dev", Map.of("app.py", "v3"), "third commit", "Grace Hopper");

        List<Commit> between = versionControl().commitsBetween(repo, Optional.of(first), third, 50);

        assertThat(between).extracting(Commit::id).containsExactly(third, second);
        assertThat(between).extracting(Commit::subject).containsExactly("third commit", "second commit");
        assertThat(between.getFirst().author()).isEqualTo("Grace Hopper");
        assertThat(between.getFirst().date()).isAfter(between.get(1).date());
    }

    @Test
    void listsEverythingReachableWhenThereIsNoEarlierVersionUpToTheLimit() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first commit");
        var second = commit(repo, "dev", Map.of("app.py", "v2"), "second commit");
        var third = commit(repo, "dev", Map.of("app.py", "v3"), "third commit");

        assertThat(versionControl().commitsBetween(repo, Optional.empty(), third, 50))
                .extracting(Commit::id).containsExactly(third, second, first);
        assertThat(versionControl().commitsBetween(repo, Optional.empty(), third, 2))
                .extracting(Commit::id).containsExactly(third, second);
        assertThat(versionControl().commitsBetween(repo, Optional.of(third), third, 50)).isEmpty();
    }

    @Test
    void knowsWhichCommitsAreAncestorsOfOthers() {
        var repo = newRepository("hello");
        var first = commit(repo, "main", Map.of("app.py", "v1"), "first commit");
        var onDev = commit(repo, "dev", Map.of("app.py", "v2"), "on dev");
        var onMain = commit(repo, "main", Map.of("app.py", "v3"), "on main");

        assertThat(versionControl().isAncestor(repo, first, onDev)).isTrue();
        assertThat(versionControl().isAncestor(repo, onDev, onDev)).isTrue();
        assertThat(versionControl().isAncestor(repo, onDev, first)).isFalse();
        assertThat(versionControl().isAncestor(repo, onMain, onDev)).isFalse();
    }

    // ---------------------------------------------------------------- merge

    @Test
    void fastForwardsABranchThatIsBehind() {
        var repo = newRepository("hello");
        commit(repo, "main", Map.of("app.py", "v1"), "first commit");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2"), "on dev");
        checkout(repo, "dev");

        var result = versionControl().merge(repo, devHead, "main", "promote dev", RELEASER);

        assertThat(result).isEqualTo(new MergeResult.FastForwarded(devHead));
        assertThat(versionControl().branchHead(repo, "main")).contains(devHead);
    }

    @Test
    void saysAlreadyUpToDateWhenTheBranchContainsTheCommit() {
        var repo = newRepository("hello");
        var first = commit(repo, "main", Map.of("app.py", "v1"), "first commit");
        var mainHead = commit(repo, "main", Map.of("app.py", "v2"), "second commit");
        commit(repo, "dev", Map.of("app.py", "v3"), "on dev");
        checkout(repo, "dev");

        var result = versionControl().merge(repo, first, "main", "promote", RELEASER);

        assertThat(result).isEqualTo(new MergeResult.AlreadyUpToDate(mainHead));
        assertThat(versionControl().branchHead(repo, "main")).contains(mainHead);
    }

    @Test
    void makesAMergeCommitWhenBothBranchesMoved() {
        var repo = newRepository("hello");
        commit(repo, "main", Map.of("app.py", "v1", "README.md", "hello"), "first commit");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2"), "feature on dev");
        var mainHead = commit(repo, "main", Map.of("README.md", "hello, world"), "docs on main");
        checkout(repo, "dev");

        var result = versionControl().merge(repo, devHead, "main", "promote dev to main", RELEASER);

        assertThat(result).isInstanceOf(MergeResult.Merged.class);
        CommitId merged = ((MergeResult.Merged) result).head();
        assertThat(versionControl().branchHead(repo, "main")).contains(merged);
        assertThat(versionControl().isAncestor(repo, devHead, merged)).isTrue();
        assertThat(versionControl().isAncestor(repo, mainHead, merged)).isTrue();
        assertThat(versionControl().commitsBetween(repo, Optional.of(mainHead), merged, 10).getFirst().subject())
                .isEqualTo("promote dev to main");
        assertThat(filesOf(repo, merged)).containsExactlyInAnyOrderEntriesOf(Map.of("app.py", "v2", "README.md", "hello, world"));
        assertThat(versionControl().branchHead(repo, "dev")).contains(devHead);
    }

    @Test
    void reportsAConflictNamingTheFilesBothSidesChangedAndLeavesTheBranchAlone() {
        var repo = newRepository("hello");
        commit(repo, "main", Map.of("app.py", "v1", "config/settings.yml", "a: 1", "README.md", "hello"), "first commit");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2 on dev", "config/settings.yml", "a: 2", "README.md", "hello"), "dev");
        var mainHead = commit(repo, "main", Map.of("app.py", "v2 on main", "config/settings.yml", "a: 3", "NOTES", "n"), "main");
        checkout(repo, "dev");

        var result = versionControl().merge(repo, devHead, "main", "promote", RELEASER);

        assertThat(result).isInstanceOf(MergeResult.Conflicted.class);
        assertThat(((MergeResult.Conflicted) result).files()).containsExactlyInAnyOrder("app.py", "config/settings.yml");
        assertThat(versionControl().branchHead(repo, "main")).contains(mainHead);
    }

    @Test
    void refusesToMergeIntoTheBranchThatIsCheckedOut() {
        var repo = newRepository("hello");
        var mainHead = commit(repo, "main", Map.of("app.py", "v1"), "first commit");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2"), "on dev");
        checkout(repo, "main");

        assertThatThrownBy(() -> versionControl().merge(repo, devHead, "main", "promote", RELEASER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("main")
                .hasMessageContaining("checked out");
        assertThat(versionControl().branchHead(repo, "main")).contains(mainHead);
    }

    // ---------------------------------------------------------------- export

    @Test
    void exportsTheFilesOfACommitWithoutTheGitFolder() throws IOException {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1", "deploy/deploy.sh", "#!/bin/sh\necho deploy\n"), "first commit");
        commit(repo, "dev", Map.of("app.py", "v2", "later.txt", "later"), "second commit");
        Path destination = scratch.resolve("export/bundle");

        versionControl().exportTree(repo, first, destination);

        assertThat(filesIn(destination)).containsExactlyInAnyOrderEntriesOf(
                Map.of("app.py", "v1", "deploy/deploy.sh", "#!/bin/sh\necho deploy\n"));
        assertThat(destination.resolve(".git")).doesNotExist();
    }

    // ---------------------------------------------------------------- wrong inputs

    @Test
    void namesTheLocationWhenThereIsNoRepositoryThere() {
        var missing = missingRepository();

        assertThatThrownBy(() -> versionControl().tagNames(missing))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> {
                    assertThat(f.system()).isEqualTo("git");
                    assertThat(f.retryable()).isFalse();
                })
                .hasMessageContaining(missing.location());
    }

    private Map<String, String> filesOf(SourceRepository repo, CommitId commit) {
        Path destination = scratch.resolve("files-of-" + commit.abbreviated());
        versionControl().exportTree(repo, commit, destination);
        return filesIn(destination);
    }

    private static Map<String, String> filesIn(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, String> contents = new TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
            return contents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
