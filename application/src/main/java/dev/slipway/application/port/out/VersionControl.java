package dev.slipway.application.port.out;

import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A service's git repository: its branches, release tags and commits, and the remote it shares them through.
 * Every method may throw {@link OutsideSystemFailure}.
 */
public interface VersionControl {

    /** Brings remote branches and tags into the repository; does nothing when it has no remote. */
    void fetch(SourceRepository repository);

    /** Whether the repository has a remote that tags and branches are pushed to. */
    boolean hasRemote(SourceRepository repository);

    /** The branch checked out in the working copy, or empty on a detached HEAD. */
    Optional<String> currentBranch(SourceRepository repository);

    /** The commit a branch points at (the local branch, else the remote's), or empty when there is no such branch. */
    Optional<CommitId> branchHead(SourceRepository repository, String branch);

    /**
     * The commit the branch has been published at: the remote's branch as of the last fetch when the repository has a
     * remote, otherwise the local branch; empty when there is no such branch. A server deploys what was pushed, not
     * what its own working copy happens to hold.
     */
    Optional<CommitId> publishedHead(SourceRepository repository, String branch);

    /**
     * How the local branch and the remote's branch (as of the last fetch) stand apart: {@code ahead} counts the commits
     * only the local branch has, {@code behind} those only the remote's has. A side without the branch counts as empty,
     * so a branch the remote lacks is ahead by all its commits. Both zero without a remote.
     */
    AheadBehind aheadBehind(SourceRepository repository, String branch);

    /**
     * The tracked files whose content in the index or the working tree differs from the checked-out commit, sorted by
     * path. Untracked files do not count; a bare repository has none.
     */
    List<String> uncommittedChanges(SourceRepository repository);

    /** Every tag's name; must stay fast for tens of thousands of tags (no object is read). */
    List<String> tagNames(SourceRepository repository);

    /** The commit a tag points at, or empty when there is no such tag. */
    Optional<CommitId> tag(SourceRepository repository, String name);

    /** An annotated tag's message, stripped; empty for a lightweight tag or no such tag. */
    Optional<String> tagMessage(SourceRepository repository, String name);

    /** Creates an annotated tag; refuses (IllegalStateException) when the tag exists already. */
    void createTag(SourceRepository repository, String name, CommitId commit, String message, Actor tagger);

    /** Deletes a local tag (one whose push failed, so that its version is not skipped); does nothing when it does not exist. */
    void deleteTag(SourceRepository repository, String name);

    /**
     * The commit a tag points at on the remote, asked of the remote itself now (not the local tags, which may hold a
     * tag the remote never had); without a remote, the local tag. Empty when there is no such tag there.
     */
    Optional<CommitId> remoteTag(SourceRepository repository, String name);

    /** Pushes one tag to the remote. */
    void pushTag(SourceRepository repository, String name);

    /** Pushes a local branch to the remote. */
    void pushBranch(SourceRepository repository, String branch);

    /**
     * The commits reachable from {@code to} but not from {@code from}, newest first, at most {@code limit};
     * everything reachable from {@code to} when {@code from} is empty.
     */
    List<Commit> commitsBetween(SourceRepository repository, Optional<CommitId> from, CommitId to, int limit);

    /** Whether {@code ancestor} is {@code descendant} or one of its ancestors. */
    boolean isAncestor(SourceRepository repository, CommitId ancestor, CommitId descendant);

    /**
     * Brings {@code commit} into {@code branch} without touching the working tree, starting from the local branch, or
     * from the remote's when the local one is missing or its ancestor (a promotion merges onto the branch as published): a fast-forward when it can,
     * a merge commit otherwise, and a conflict (naming the files) when the two cannot be merged.
     */
    MergeResult merge(SourceRepository repository, CommitId commit, String branch, String message, Actor author);

    /** Writes the files of {@code commit} into {@code destination} (created if missing), without a .git folder. */
    void exportTree(SourceRepository repository, CommitId commit, Path destination);

    /** What {@link #aheadBehind} counted. */
    record AheadBehind(int ahead, int behind) {
        public AheadBehind {
            if (ahead < 0 || behind < 0) throw new IllegalArgumentException("commit counts cannot be negative");
        }

        public static final AheadBehind EVEN = new AheadBehind(0, 0);
    }

    /** What {@link #merge} did. */
    sealed interface MergeResult {
        record AlreadyUpToDate(CommitId head) implements MergeResult {}
        record FastForwarded(CommitId head) implements MergeResult {}
        record Merged(CommitId head) implements MergeResult {}
        record Conflicted(List<String> files) implements MergeResult {}
    }
}
