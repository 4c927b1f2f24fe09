package dev.slipway.application.fakes;

import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Git repositories in memory: commits with parents and a map of file contents, branches, tags, a HEAD, and
 * optionally a remote ({@code origin}) that tags and branches are pushed to. Tests build histories with
 * {@link #newRepository}, {@link #commit}, {@link #checkout}, {@link #detach} and {@link #addRemote}, and make
 * the next call of a method fail with {@link #failNext}. Files merge whole: a file changed differently on both
 * sides since the merge base is a conflict, even where git would merge the lines.
 */
public final class FakeVersionControl implements VersionControl {

    /** The port's methods, and the action each names when it fails. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("fetch", "fetch"),
            Map.entry("hasRemote", "read remotes"),
            Map.entry("currentBranch", "read current branch"),
            Map.entry("branchHead", "read branch"),
            Map.entry("publishedHead", "read published branch"),
            Map.entry("aheadBehind", "compare with origin"),
            Map.entry("uncommittedChanges", "read working tree status"),
            Map.entry("deleteTag", "delete tag"),
            Map.entry("remoteTag", "read remote tag"),
            Map.entry("tagNames", "list tags"),
            Map.entry("tag", "read tag"),
            Map.entry("tagMessage", "read tag message"),
            Map.entry("createTag", "create tag"),
            Map.entry("pushTag", "push tag"),
            Map.entry("pushBranch", "push branch"),
            Map.entry("commitsBetween", "list commits"),
            Map.entry("isAncestor", "check ancestry"),
            Map.entry("merge", "merge"),
            Map.entry("exportTree", "export tree"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Repo> repositories = new HashMap<>();
    private final Map<String, Deque<Boolean>> failures = new HashMap<>();
    private final Map<String, Runnable> meanwhile = new HashMap<>();
    private Instant clock = Instant.parse("2026-01-05T09:00:00Z");

    private record FakeCommit(CommitId id, List<CommitId> parents, SortedMap<String, String> files,
                              String author, Instant date, String message) {}

    private record Tag(CommitId commit, boolean annotated, String message, String tagger) {}

    /** Refs and objects of one side: the working copy's repository or its remote. */
    private static final class Store {
        final Map<CommitId, FakeCommit> commits = new HashMap<>();
        final Map<String, CommitId> branches = new TreeMap<>();
        final Map<String, Tag> tags = new TreeMap<>();
    }

    private static final class Repo {
        final Store local = new Store();
        final Map<String, CommitId> remoteBranches = new TreeMap<>();
        Store remote;
        String headBranch = "main";
        CommitId detachedAt;
        /** Tracked files changed in the working copy and not committed, and files git does not track. */
        final Set<String> modified = new TreeSet<>();
        final Set<String> untracked = new TreeSet<>();
    }

    // ---------------------------------------------------------------- fixture

    /** A new empty repository whose HEAD waits on an unborn branch; its first commit's branch gets checked out. */
    public synchronized SourceRepository newRepository(String name) {
        SourceRepository source = new SourceRepository("memory:" + name);
        if (repositories.putIfAbsent(source.location(), new Repo()) != null) {
            throw new IllegalArgumentException("repository %s exists already".formatted(source));
        }
        return source;
    }

    /**
     * Commits {@code files} on top of {@code branch}'s tree (creating the branch at HEAD's commit when it does not
     * exist) and returns the new commit's id.
     */
    public synchronized CommitId commit(SourceRepository repository, String branch, Map<String, String> files, String message, String author) {
        Repo repo = repo(repository);
        Store store = repo.local;
        CommitId parent = store.branches.get(branch);
        if (parent == null) parent = headCommit(repo);
        SortedMap<String, String> tree = parent == null ? new TreeMap<>() : new TreeMap<>(store.commits.get(parent).files());
        tree.putAll(files);
        FakeCommit commit = newCommit(parent == null ? List.of() : List.of(parent), tree, author, message);
        store.commits.put(commit.id(), commit);
        store.branches.put(branch, commit.id());
        if (repo.detachedAt == null && !store.branches.containsKey(repo.headBranch)) repo.headBranch = branch;
        return commit.id();
    }

    public CommitId commit(SourceRepository repository, String branch, Map<String, String> files, String message, Actor author) {
        return commit(repository, branch, files, message, author.id());
    }

    /** Creates {@code branch} at {@code commit} without checking it out. */
    public synchronized void branch(SourceRepository repository, String branch, CommitId commit) {
        Store store = repo(repository).local;
        requireCommit(store, commit, repository);
        store.branches.put(branch, commit);
    }

    /** Checks out a local branch, creating it from origin's branch of that name when only the remote has it. */
    public synchronized void checkout(SourceRepository repository, String branch) {
        Repo repo = repo(repository);
        if (!repo.local.branches.containsKey(branch)) {
            CommitId remote = repo.remoteBranches.get(branch);
            if (remote == null) throw new IllegalArgumentException("no branch %s in %s".formatted(branch, repository));
            repo.local.branches.put(branch, remote);
        }
        repo.headBranch = branch;
        repo.detachedAt = null;
    }

    /** Detaches HEAD at the commit it points at. */
    public synchronized void detach(SourceRepository repository) {
        Repo repo = repo(repository);
        CommitId head = headCommit(repo);
        if (head == null) throw new IllegalStateException("%s has no commit to detach at".formatted(repository));
        repo.detachedAt = head;
    }

    /** Gives the repository an empty remote, {@code origin}. */
    public synchronized void addRemote(SourceRepository repository) {
        Repo repo = repo(repository);
        if (repo.remote != null) throw new IllegalStateException("%s has a remote already".formatted(repository));
        repo.remote = new Store();
    }

    /** Changes a tracked file in the working copy without committing it (as an editor would). */
    public synchronized void modifyWorkingCopy(SourceRepository repository, String path) {
        Repo repo = repo(repository);
        CommitId head = headCommit(repo);
        if (head == null || !repo.local.commits.get(head).files().containsKey(path)) {
            throw new IllegalArgumentException("%s is not tracked in %s".formatted(path, repository));
        }
        repo.modified.add(path);
    }

    /** Creates a file git does not track in the working copy. */
    public synchronized void addUntrackedFile(SourceRepository repository, String path) {
        repo(repository).untracked.add(path);
    }

    /** Undoes what {@link #modifyWorkingCopy} changed, as {@code git checkout -- .} does. */
    public synchronized void discardWorkingCopyChanges(SourceRepository repository) {
        repo(repository).modified.clear();
    }

    /** Another clone force-pushes the remote's {@code branch} back to {@code commit}, which the remote must have. */
    public synchronized void forcePushOnRemote(SourceRepository repository, String branch, CommitId commit) {
        Store remote = remoteOf(repository);
        requireCommit(remote, commit, repository);
        remote.branches.put(branch, commit);
    }

    /** Whether the repository holds a tag of that name locally. */
    public synchronized boolean hasLocalTag(SourceRepository repository, String name) {
        return repo(repository).local.tags.containsKey(name);
    }

    /** Creates a lightweight tag in the repository, as a person running {@code git tag NAME} would. */
    public synchronized void addTag(SourceRepository repository, String name, CommitId commit) {
        Store store = repo(repository).local;
        requireCommit(store, commit, repository);
        if (store.tags.containsKey(name)) throw new IllegalStateException("tag %s exists already in %s".formatted(name, repository));
        store.tags.put(name, new Tag(commit, false, "", ""));
    }

    /** A commit that another clone pushed to the remote's {@code branch}; the repository sees it after a fetch. */
    public synchronized CommitId commitOnRemote(SourceRepository repository, String branch, Map<String, String> files, String message, String author) {
        Store remote = remoteOf(repository);
        CommitId parent = remote.branches.get(branch);
        SortedMap<String, String> tree = parent == null ? new TreeMap<>() : new TreeMap<>(remote.commits.get(parent).files());
        tree.putAll(files);
        FakeCommit commit = newCommit(parent == null ? List.of() : List.of(parent), tree, author, message);
        remote.commits.put(commit.id(), commit);
        remote.branches.put(branch, commit.id());
        return commit.id();
    }

    /** A tag that another clone pushed to the remote; the commit must be on the remote. */
    public synchronized void tagOnRemote(SourceRepository repository, String name, CommitId commit) {
        Store remote = remoteOf(repository);
        requireCommit(remote, commit, repository);
        remote.tags.put(name, new Tag(commit, false, "", ""));
    }

    /** The tags the remote holds, pushed from here or elsewhere. */
    public synchronized Set<String> pushedTags(SourceRepository repository) {
        return new TreeSet<>(remoteOf(repository).tags.keySet());
    }

    /** Where the remote's branch points, or empty. */
    public synchronized Optional<CommitId> remoteBranchHead(SourceRepository repository, String branch) {
        return Optional.ofNullable(remoteOf(repository).branches.get(branch));
    }

    /** The files of a commit in the repository. */
    public synchronized Map<String, String> files(SourceRepository repository, CommitId commit) {
        Store store = repo(repository).local;
        return Map.copyOf(requireCommit(store, commit, repository).files());
    }

    /** The parents of a commit in the repository: two for a merge commit. */
    public synchronized List<CommitId> parents(SourceRepository repository, CommitId commit) {
        return requireCommit(repo(repository).local, commit, repository).parents();
    }

    /** The message and tagger of an annotated tag, as {@code "tagger: message"}, or empty for a lightweight one. */
    public synchronized Optional<String> tagAnnotation(SourceRepository repository, String name) {
        Tag tag = repo(repository).local.tags.get(name);
        if (tag == null || !tag.annotated()) return Optional.empty();
        return Optional.of(tag.tagger() + ": " + tag.message());
    }

    /** The next call of {@code method} (a method of {@link VersionControl}) throws a retryable {@link OutsideSystemFailure}. */
    public void failNext(String method) {
        failNext(method, true);
    }

    /** The next call of {@code method} throws an {@link OutsideSystemFailure}; calls queue up one failure each. */
    public synchronized void failNext(String method, boolean retryable) {
        if (!ACTIONS.containsKey(method)) {
            throw new IllegalArgumentException("VersionControl has no method %s; one of %s".formatted(method, new TreeSet<>(ACTIONS.keySet())));
        }
        failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(retryable);
    }

    /** Runs {@code action} once, as the next call of {@code method} begins: what another process does at that moment. */
    public synchronized void duringNext(String method, Runnable action) {
        if (!ACTIONS.containsKey(method)) {
            throw new IllegalArgumentException("VersionControl has no method %s; one of %s".formatted(method, new TreeSet<>(ACTIONS.keySet())));
        }
        meanwhile.put(method, action);
    }

    // ---------------------------------------------------------------- port

    @Override
    public synchronized void fetch(SourceRepository repository) {
        Repo repo = enter("fetch", repository);
        if (repo.remote == null) return;
        repo.local.commits.putAll(repo.remote.commits);
        repo.remoteBranches.clear();
        repo.remoteBranches.putAll(repo.remote.branches);
        repo.remote.tags.forEach(repo.local.tags::putIfAbsent);
    }

    @Override
    public synchronized boolean hasRemote(SourceRepository repository) {
        return enter("hasRemote", repository).remote != null;
    }

    @Override
    public synchronized Optional<String> currentBranch(SourceRepository repository) {
        Repo repo = enter("currentBranch", repository);
        return repo.detachedAt == null ? Optional.of(repo.headBranch) : Optional.empty();
    }

    @Override
    public synchronized Optional<CommitId> branchHead(SourceRepository repository, String branch) {
        Repo repo = enter("branchHead", repository);
        CommitId local = repo.local.branches.get(branch);
        return Optional.ofNullable(local != null ? local : repo.remoteBranches.get(branch));
    }

    @Override
    public synchronized Optional<CommitId> publishedHead(SourceRepository repository, String branch) {
        Repo repo = enter("publishedHead", repository);
        return Optional.ofNullable(repo.remote != null ? repo.remoteBranches.get(branch) : repo.local.branches.get(branch));
    }

    @Override
    public synchronized AheadBehind aheadBehind(SourceRepository repository, String branch) {
        Repo repo = enter("aheadBehind", repository);
        if (repo.remote == null) return AheadBehind.EVEN;
        CommitId local = repo.local.branches.get(branch);
        CommitId published = repo.remoteBranches.get(branch);
        Set<CommitId> mine = local == null ? Set.of() : reachable(repo.local, List.of(local));
        Set<CommitId> theirs = published == null ? Set.of() : reachable(repo.local, List.of(published));
        int ahead = (int) mine.stream().filter(c -> !theirs.contains(c)).count();
        int behind = (int) theirs.stream().filter(c -> !mine.contains(c)).count();
        return new AheadBehind(ahead, behind);
    }

    @Override
    public synchronized List<String> uncommittedChanges(SourceRepository repository) {
        return List.copyOf(enter("uncommittedChanges", repository).modified);
    }

    @Override
    public synchronized void deleteTag(SourceRepository repository, String name) {
        enter("deleteTag", repository).local.tags.remove(name);
    }

    @Override
    public synchronized Optional<CommitId> remoteTag(SourceRepository repository, String name) {
        Repo repo = enter("remoteTag", repository);
        Tag tag = (repo.remote != null ? repo.remote : repo.local).tags.get(name);
        return tag == null ? Optional.empty() : Optional.of(tag.commit());
    }

    @Override
    public synchronized List<String> tagNames(SourceRepository repository) {
        return List.copyOf(enter("tagNames", repository).local.tags.keySet());
    }

    @Override
    public synchronized Optional<CommitId> tag(SourceRepository repository, String name) {
        Tag tag = enter("tag", repository).local.tags.get(name);
        return tag == null ? Optional.empty() : Optional.of(tag.commit());
    }

    @Override
    public synchronized Optional<String> tagMessage(SourceRepository repository, String name) {
        Tag tag = enter("tagMessage", repository).local.tags.get(name);
        return tag == null || !tag.annotated() ? Optional.empty() : Optional.of(tag.message().strip()).filter(m -> !m.isEmpty());
    }

    @Override
    public synchronized void createTag(SourceRepository repository, String name, CommitId commit, String message, Actor tagger) {
        Store store = enter("createTag", repository).local;
        if (store.tags.containsKey(name)) {
            throw new IllegalStateException("tag %s exists already in %s".formatted(name, repository));
        }
        if (!store.commits.containsKey(commit)) {
            throw new IllegalArgumentException("%s has no commit %s to tag %s".formatted(repository, commit, name));
        }
        store.tags.put(name, new Tag(commit, true, message, tagger.id()));
    }

    @Override
    public synchronized void pushTag(SourceRepository repository, String name) {
        Repo repo = enter("pushTag", repository);
        Store remote = requireRemote(repo, repository, "push tag");
        Tag tag = repo.local.tags.get(name);
        if (tag == null) throw new OutsideSystemFailure("git", "push tag", false, "%s has no tag %s".formatted(repository, name));
        Tag there = remote.tags.get(name);
        if (there != null && !there.commit().equals(tag.commit())) {
            throw new OutsideSystemFailure("git", "push tag", false, "origin of %s rejected tag %s: it exists there on another commit".formatted(repository, name));
        }
        remote.commits.putAll(repo.local.commits);
        remote.tags.put(name, tag);
    }

    @Override
    public synchronized void pushBranch(SourceRepository repository, String branch) {
        Repo repo = enter("pushBranch", repository);
        Store remote = requireRemote(repo, repository, "push branch");
        CommitId head = repo.local.branches.get(branch);
        if (head == null) throw new OutsideSystemFailure("git", "push branch", false, "%s has no local branch %s".formatted(repository, branch));
        CommitId there = remote.branches.get(branch);
        if (there != null && !reachable(repo.local, List.of(head)).contains(there)) {
            throw new OutsideSystemFailure("git", "push branch", false,
                    "origin of %s rejected %s: not a fast-forward, fetch and merge first".formatted(repository, branch));
        }
        remote.commits.putAll(repo.local.commits);
        remote.branches.put(branch, head);
        repo.remoteBranches.put(branch, head);
    }

    @Override
    public synchronized List<Commit> commitsBetween(SourceRepository repository, Optional<CommitId> from, CommitId to, int limit) {
        Store store = enter("commitsBetween", repository).local;
        if (limit < 1) throw new IllegalArgumentException("limit must be positive, was " + limit);
        missingCommit(store, to, repository, "list commits");
        from.ifPresent(f -> missingCommit(store, f, repository, "list commits"));
        Set<CommitId> wanted = reachable(store, List.of(to));
        from.ifPresent(f -> wanted.removeAll(reachable(store, List.of(f))));
        return wanted.stream()
                .map(store.commits::get)
                .sorted(Comparator.comparing(FakeCommit::date).reversed())
                .limit(limit)
                .map(c -> new Commit(c.id(), c.author(), c.date(), subjectOf(c.message())))
                .toList();
    }

    @Override
    public synchronized boolean isAncestor(SourceRepository repository, CommitId ancestor, CommitId descendant) {
        Store store = enter("isAncestor", repository).local;
        missingCommit(store, ancestor, repository, "check ancestry");
        missingCommit(store, descendant, repository, "check ancestry");
        return reachable(store, List.of(descendant)).contains(ancestor);
    }

    @Override
    public synchronized MergeResult merge(SourceRepository repository, CommitId commit, String branch, String message, Actor author) {
        Repo repo = enter("merge", repository);
        Store store = repo.local;
        if (repo.detachedAt == null && repo.headBranch.equals(branch)) {
            throw new IllegalStateException(("branch %s is checked out in %s; check out another branch or detach HEAD "
                    + "so that the merge does not have to touch the working tree").formatted(branch, repository));
        }
        CommitId head = store.branches.get(branch);
        CommitId published = repo.remoteBranches.get(branch);
        // A local branch that the remote's has moved past is stale: the merge starts from what was published.
        if (head == null || published != null && reachable(store, List.of(published)).contains(head)) head = published;
        if (head == null) throw new IllegalArgumentException("no branch %s in %s".formatted(branch, repository));
        missingCommit(store, commit, repository, "merge");
        Set<CommitId> headHistory = reachable(store, List.of(head));
        if (headHistory.contains(commit)) {
            store.branches.put(branch, head);
            return new MergeResult.AlreadyUpToDate(head);
        }
        Set<CommitId> commitHistory = reachable(store, List.of(commit));
        if (commitHistory.contains(head)) {
            store.branches.put(branch, commit);
            return new MergeResult.FastForwarded(commit);
        }
        Map<String, String> base = mergeBase(store, headHistory, commitHistory);
        Map<String, String> ours = store.commits.get(head).files();
        Map<String, String> theirs = store.commits.get(commit).files();
        SortedMap<String, String> merged = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        Set<String> paths = new TreeSet<>(ours.keySet());
        paths.addAll(theirs.keySet());
        paths.addAll(base.keySet());
        for (String path : paths) {
            String b = base.get(path);
            String o = ours.get(path);
            String t = theirs.get(path);
            String result;
            if (Objects.equals(o, t) || Objects.equals(t, b)) result = o;
            else if (Objects.equals(o, b)) result = t;
            else {
                conflicts.add(path);
                continue;
            }
            if (result != null) merged.put(path, result);
        }
        if (!conflicts.isEmpty()) return new MergeResult.Conflicted(List.copyOf(conflicts));
        FakeCommit mergeCommit = newCommit(List.of(head, commit), merged, author.id(), message);
        store.commits.put(mergeCommit.id(), mergeCommit);
        store.branches.put(branch, mergeCommit.id());
        return new MergeResult.Merged(mergeCommit.id());
    }

    @Override
    public synchronized void exportTree(SourceRepository repository, CommitId commit, Path destination) {
        Store store = enter("exportTree", repository).local;
        missingCommit(store, commit, repository, "export tree");
        try {
            Files.createDirectories(destination);
            for (var file : store.commits.get(commit).files().entrySet()) {
                Path target = destination.resolve(file.getKey()).normalize();
                if (!target.startsWith(destination.normalize())) {
                    throw new OutsideSystemFailure("git", "export tree", false, "path %s leaves %s".formatted(file.getKey(), destination));
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        } catch (IOException e) {
            throw new OutsideSystemFailure("git", "export tree", false, "cannot write into %s: %s".formatted(destination, e.getMessage()), e);
        }
    }

    // ---------------------------------------------------------------- inside

    private Repo enter(String method, SourceRepository repository) {
        Runnable action = meanwhile.remove(method);
        if (action != null) action.run();
        Deque<Boolean> queued = failures.get(method);
        if (queued != null && !queued.isEmpty()) {
            boolean retryable = queued.poll();
            throw new OutsideSystemFailure("git", ACTIONS.get(method), retryable, "failure injected by the test into %s".formatted(repository));
        }
        Repo repo = repositories.get(repository.location());
        if (repo == null) {
            throw new OutsideSystemFailure("git", ACTIONS.get(method), false, "no git repository at %s".formatted(repository));
        }
        return repo;
    }

    private Repo repo(SourceRepository repository) {
        Repo repo = repositories.get(repository.location());
        if (repo == null) throw new IllegalArgumentException("no repository %s; create it with newRepository".formatted(repository));
        return repo;
    }

    private Store remoteOf(SourceRepository repository) {
        Store remote = repo(repository).remote;
        if (remote == null) throw new IllegalStateException("%s has no remote; call addRemote first".formatted(repository));
        return remote;
    }

    private static Store requireRemote(Repo repo, SourceRepository repository, String action) {
        if (repo.remote == null) throw new OutsideSystemFailure("git", action, false, "%s has no remote named origin".formatted(repository));
        return repo.remote;
    }

    private static FakeCommit requireCommit(Store store, CommitId commit, SourceRepository repository) {
        FakeCommit found = store.commits.get(commit);
        if (found == null) throw new IllegalArgumentException("no commit %s in %s".formatted(commit, repository));
        return found;
    }

    private static void missingCommit(Store store, CommitId commit, SourceRepository repository, String action) {
        if (!store.commits.containsKey(commit)) {
            throw new OutsideSystemFailure("git", action, false, "%s has no commit %s".formatted(repository, commit));
        }
    }

    private static CommitId headCommit(Repo repo) {
        return repo.detachedAt != null ? repo.detachedAt : repo.local.branches.get(repo.headBranch);
    }

    private FakeCommit newCommit(List<CommitId> parents, SortedMap<String, String> files, String author, String message) {
        clock = clock.plus(Duration.ofMinutes(1));
        byte[] sha = new byte[20];
        RANDOM.nextBytes(sha);
        return new FakeCommit(CommitId.of(HexFormat.of().formatHex(sha)), List.copyOf(parents),
                Collections.unmodifiableSortedMap(new TreeMap<>(files)), author, clock, message);
    }

    private static Set<CommitId> reachable(Store store, Collection<CommitId> starts) {
        Set<CommitId> seen = new HashSet<>();
        Deque<CommitId> todo = new ArrayDeque<>(starts);
        while (!todo.isEmpty()) {
            CommitId next = todo.pop();
            if (seen.add(next)) todo.addAll(store.commits.get(next).parents());
        }
        return seen;
    }

    /** The files of the newest common ancestor; an empty tree when the histories never met. */
    private static Map<String, String> mergeBase(Store store, Set<CommitId> left, Set<CommitId> right) {
        Map<CommitId, FakeCommit> common = new LinkedHashMap<>();
        for (CommitId id : left) if (right.contains(id)) common.put(id, store.commits.get(id));
        return common.values().stream()
                .max(Comparator.comparing(FakeCommit::date))
                .<Map<String, String>>map(FakeCommit::files)
                .orElse(Map.of());
    }

    private static String subjectOf(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message.strip() : message.substring(0, newline).strip();
    }
}
