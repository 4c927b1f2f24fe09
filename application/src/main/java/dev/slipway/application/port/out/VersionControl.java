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

    /** Every tag's name; must stay fast for tens of thousands of tags (no object is read). */
    List<String> tagNames(SourceRepository repository);

    /** The commit a tag points at, or empty when there is no such tag. */
    Optional<CommitId> tag(SourceRepository repository, String name);

    /** An annotated tag's message, stripped; empty for a lightweight tag or no such tag. */
    Optional<String> tagMessage(SourceRepository repository, String name);

    /** Creates an annotated tag; refuses (IllegalStateException) when the tag exists already. */
    void createTag(SourceRepository repository, String name, CommitId commit, String message, Actor tagger);

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
     * Brings {@code commit} into {@code branch} without touching the working tree: a fast-forward when it can,
     * a merge commit otherwise, and a conflict (naming the files) when the two cannot be merged.
     */
    MergeResult merge(SourceRepository repository, CommitId commit, String branch, String message, Actor author);

    /** Writes the files of {@code commit} into {@code destination} (created if missing), without a .git folder. */
    void exportTree(SourceRepository repository, CommitId commit, Path destination);

    /** What {@link #merge} did. */
    sealed interface MergeResult {
        record AlreadyUpToDate(CommitId head) implements MergeResult {}
        record FastForwarded(CommitId head) implements MergeResult {}
        record Merged(CommitId head) implements MergeResult {}
        record Conflicted(List<String> files) implements MergeResult {}
    }
}
