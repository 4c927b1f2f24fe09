package dev.slipway.adapter.git;

import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link VersionControl} over JGit: the repository is a working copy (or a bare repository) on this machine and its
 * remote is {@code origin}. Repositories are opened once and kept open until {@link #close()}. Merges happen in
 * memory and only move refs, so they refuse to move the branch that is checked out rather than leave the working
 * tree out of step with it. HTTPS remotes get the token of {@link HttpsCredentials}; SSH remotes use the keys and
 * known hosts in {@code ~/.ssh}; {@code file://} URLs and paths need nothing.
 */
public final class JGitVersionControl implements VersionControl, AutoCloseable {

    private static final String SYSTEM = "git";
    private static final String REMOTE = "origin";
    private static final String REMOTE_BRANCHES = Constants.R_REMOTES + REMOTE + "/";
    private static final Pattern USER_INFO = Pattern.compile("://[^/@\\s]+@");

    private final Optional<HttpsCredentials> credentials;
    private final Duration networkTimeout;
    private final Map<Path, Repository> open = new ConcurrentHashMap<>();
    private SshdSessionFactory sshSessions;

    /** Builds the adapter; it reads nothing until a repository is first used. */
    public JGitVersionControl(Optional<HttpsCredentials> credentials, Duration networkTimeout) {
        if (networkTimeout == null || networkTimeout.isNegative() || networkTimeout.isZero()) {
            throw new IllegalArgumentException("the git network timeout must be positive");
        }
        this.credentials = credentials == null ? Optional.empty() : credentials;
        this.networkTimeout = networkTimeout;
    }

    @Override
    public void fetch(SourceRepository repository) {
        inRepository(repository, "fetch", repo -> {
            if (!hasOrigin(repo)) return null;
            try (Git git = new Git(repo)) {
                FetchResult result = overNetwork(git.fetch()
                        .setRemote(REMOTE)
                        .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + "*:" + REMOTE_BRANCHES + "*"))
                        .setTagOpt(TagOpt.FETCH_TAGS)
                        .setRemoveDeletedRefs(true))
                        .call();
                for (TrackingRefUpdate update : result.getTrackingRefUpdates()) {
                    // A REJECTED tag update keeps the local tag, as git fetch does; only local trouble fails the fetch.
                    if (update.getResult() == RefUpdate.Result.LOCK_FAILURE || update.getResult() == RefUpdate.Result.IO_FAILURE) {
                        throw failure("fetch", true, "could not update %s in %s: %s"
                                .formatted(update.getLocalName(), repo.getDirectory(), update.getResult()), null);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public boolean hasRemote(SourceRepository repository) {
        return inRepository(repository, "read remotes", JGitVersionControl::hasOrigin);
    }

    @Override
    public Optional<String> currentBranch(SourceRepository repository) {
        return inRepository(repository, "read current branch", repo -> {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic()) return Optional.empty();
            String target = head.getTarget().getName();
            return target.startsWith(Constants.R_HEADS)
                    ? Optional.of(target.substring(Constants.R_HEADS.length()))
                    : Optional.empty();
        });
    }

    @Override
    public Optional<CommitId> branchHead(SourceRepository repository, String branch) {
        return inRepository(repository, "read branch", repo -> branchRef(repo, branch).map(ref -> commitId(ref.getObjectId())));
    }

    @Override
    public Optional<CommitId> publishedHead(SourceRepository repository, String branch) {
        return inRepository(repository, "read published branch", repo -> {
            boolean hasRemote = repo.getConfig().getSubsections("remote").contains(REMOTE);
            Ref ref = repo.exactRef((hasRemote ? REMOTE_BRANCHES : Constants.R_HEADS) + branch);
            return Optional.ofNullable(ref).map(r -> commitId(r.getObjectId()));
        });
    }

    @Override
    public AheadBehind aheadBehind(SourceRepository repository, String branch) {
        return inRepository(repository, "compare with origin", repo -> {
            if (!hasOrigin(repo)) return AheadBehind.EVEN;
            Ref local = repo.exactRef(Constants.R_HEADS + branch);
            Ref published = repo.exactRef(REMOTE_BRANCHES + branch);
            try (RevWalk walk = new RevWalk(repo)) {
                return new AheadBehind(count(walk, local, published), count(walk, published, local));
            }
        });
    }

    /** The commits reachable from {@code from} and not from {@code notFrom}; zero when {@code from} is missing. */
    private static int count(RevWalk walk, Ref from, Ref notFrom) throws IOException {
        if (from == null) return 0;
        walk.reset();
        walk.markStart(walk.parseCommit(from.getObjectId()));
        if (notFrom != null) walk.markUninteresting(walk.parseCommit(notFrom.getObjectId()));
        int count = 0;
        while (walk.next() != null) count++;
        return count;
    }

    @Override
    public List<String> uncommittedChanges(SourceRepository repository) {
        return inRepository(repository, "read working tree status", repo -> {
            if (repo.isBare()) return List.<String>of();
            try (Git git = new Git(repo)) {
                org.eclipse.jgit.api.Status status = git.status().setIgnoreSubmodules(org.eclipse.jgit.submodule.SubmoduleWalk.IgnoreSubmoduleMode.ALL).call();
                Set<String> changed = new TreeSet<>();
                changed.addAll(status.getAdded());
                changed.addAll(status.getChanged());
                changed.addAll(status.getModified());
                changed.addAll(status.getRemoved());
                changed.addAll(status.getMissing());
                changed.addAll(status.getConflicting());
                return List.copyOf(changed);
            }
        });
    }

    @Override
    public void deleteTag(SourceRepository repository, String name) {
        inRepository(repository, "delete tag", repo -> {
            String refName = Constants.R_TAGS + name;
            if (repo.exactRef(refName) == null) return null;
            RefUpdate update = repo.updateRef(refName);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.FAST_FORWARD) {
                throw failure("delete tag", true, "could not delete tag %s in %s: %s".formatted(name, repo.getDirectory(), result), null);
            }
            return null;
        });
    }

    @Override
    public Optional<CommitId> remoteTag(SourceRepository repository, String name) {
        if (!hasRemote(repository)) return tag(repository, name);
        return inRepository(repository, "read remote tag", repo -> {
            try (Git git = new Git(repo)) {
                Collection<Ref> refs = overNetwork(git.lsRemote().setRemote(REMOTE).setTags(true)).call();
                for (Ref ref : refs) {
                    if (!ref.getName().equals(Constants.R_TAGS + name)) continue;
                    if (ref.getPeeledObjectId() != null) return Optional.of(commitId(ref.getPeeledObjectId()));
                    try (RevWalk walk = new RevWalk(repo)) {
                        return Optional.of(commitId(walk.parseCommit(ref.getObjectId())));
                    } catch (MissingObjectException e) {
                        // Not fetched yet: the advertised id is the commit itself, as it is for a lightweight tag.
                        return Optional.of(commitId(ref.getObjectId()));
                    }
                }
                return Optional.<CommitId>empty();
            }
        });
    }

    @Override
    public List<String> tagNames(SourceRepository repository) {
        return inRepository(repository, "list tags", repo -> {
            // Listing by prefix reads packed-refs and loose ref files only; no tag or commit object is opened.
            List<Ref> refs = repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS);
            String[] names = new String[refs.size()];
            int prefix = Constants.R_TAGS.length();
            for (int i = 0; i < names.length; i++) names[i] = refs.get(i).getName().substring(prefix);
            return Collections.unmodifiableList(java.util.Arrays.asList(names));
        });
    }

    @Override
    public Optional<CommitId> tag(SourceRepository repository, String name) {
        return inRepository(repository, "read tag", repo -> {
            Ref ref = repo.exactRef(Constants.R_TAGS + name);
            if (ref == null) return Optional.empty();
            try (RevWalk walk = new RevWalk(repo)) {
                return Optional.of(commitId(walk.parseCommit(ref.getObjectId())));
            } catch (IncorrectObjectTypeException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<String> tagMessage(SourceRepository repository, String name) {
        return inRepository(repository, "read tag message", repo -> {
            Ref ref = repo.exactRef(Constants.R_TAGS + name);
            if (ref == null) return Optional.<String>empty();
            try (RevWalk walk = new RevWalk(repo)) {
                RevObject object = walk.parseAny(ref.getObjectId());
                if (!(object instanceof RevTag tag)) return Optional.<String>empty();
                return Optional.of(tag.getFullMessage().strip()).filter(m -> !m.isEmpty());
            }
        });
    }

    @Override
    public void createTag(SourceRepository repository, String name, CommitId commit, String message, Actor tagger) {
        inRepository(repository, "create tag", repo -> {
            String refName = Constants.R_TAGS + name;
            if (!Repository.isValidRefName(refName)) throw new IllegalArgumentException("'%s' is not a valid tag name".formatted(name));
            ObjectId target = objectId(commit);
            if (repo.exactRef(refName) != null) throw tagExists(name, repo);
            try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
                RevCommit tagged = parseCommitOrRefuse(walk, target, repo, "tag " + name);
                TagBuilder tag = new TagBuilder();
                tag.setTag(name);
                tag.setObjectId(tagged);
                tag.setTagger(new PersonIdent(tagger.id(), ""));
                tag.setMessage(message == null || message.endsWith("\n") ? message : message + "\n");
                ObjectId tagId = inserter.insert(tag);
                inserter.flush();
                RefUpdate update = repo.updateRef(refName);
                update.setNewObjectId(tagId);
                // Expecting no old value makes the refusal atomic when someone creates the same tag meanwhile.
                update.setExpectedOldObjectId(ObjectId.zeroId());
                update.setRefLogMessage("tag: created by " + tagger.id(), false);
                RefUpdate.Result result = update.update(walk);
                switch (result) {
                    case NEW -> { }
                    case LOCK_FAILURE -> {
                        if (repo.exactRef(refName) != null) throw tagExists(name, repo);
                        throw failure("create tag", true, "tag %s is locked in %s".formatted(name, repo.getDirectory()), null);
                    }
                    default -> throw failure("create tag", false, "could not write tag %s in %s: %s".formatted(name, repo.getDirectory(), result), null);
                }
            }
            return null;
        });
    }

    @Override
    public void pushTag(SourceRepository repository, String name) {
        push(repository, "push tag", Constants.R_TAGS + name, "tag " + name);
    }

    @Override
    public void pushBranch(SourceRepository repository, String branch) {
        push(repository, "push branch", Constants.R_HEADS + branch, "branch " + branch);
    }

    @Override
    public List<Commit> commitsBetween(SourceRepository repository, Optional<CommitId> from, CommitId to, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive, was " + limit);
        return inRepository(repository, "list commits", repo -> {
            try (RevWalk walk = new RevWalk(repo)) {
                walk.markStart(walk.parseCommit(objectId(to)));
                if (from.isPresent()) walk.markUninteresting(walk.parseCommit(objectId(from.get())));
                List<Commit> commits = new ArrayList<>(Math.min(limit, 64));
                for (RevCommit next = walk.next(); next != null && commits.size() < limit; next = walk.next()) {
                    PersonIdent author = next.getAuthorIdent();
                    commits.add(new Commit(commitId(next), author.getName(), author.getWhenAsInstant(), next.getShortMessage()));
                }
                return commits;
            }
        });
    }

    @Override
    public boolean isAncestor(SourceRepository repository, CommitId ancestor, CommitId descendant) {
        return inRepository(repository, "check ancestry", repo -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return walk.isMergedInto(walk.parseCommit(objectId(ancestor)), walk.parseCommit(objectId(descendant)));
            }
        });
    }

    @Override
    public MergeResult merge(SourceRepository repository, CommitId commit, String branch, String message, Actor author) {
        return inRepository(repository, "merge", repo -> {
            String refName = Constants.R_HEADS + branch;
            Ref head = repo.exactRef(Constants.HEAD);
            if (!repo.isBare() && head != null && head.isSymbolic() && head.getTarget().getName().equals(refName)) {
                throw new IllegalStateException(("branch %s is checked out in %s; check out another branch or detach HEAD "
                        + "so that the merge does not have to touch the working tree").formatted(branch, repo.getWorkTree()));
            }
            Ref local = repo.exactRef(refName);
            Ref published = repo.exactRef(REMOTE_BRANCHES + branch);
            if (local == null && published == null) throw new IllegalArgumentException("no branch %s in %s".formatted(branch, repo.getDirectory()));
            ObjectId expectedOld = local != null ? local.getObjectId() : ObjectId.zeroId();
            try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
                // A local branch that the remote's has moved past is stale: the merge starts from what was published.
                Ref start = local == null || published != null && walk.isMergedInto(walk.parseCommit(local.getObjectId()), walk.parseCommit(published.getObjectId()))
                        ? published : local;
                walk.reset();
                RevCommit ours = walk.parseCommit(start.getObjectId());
                RevCommit theirs = parseCommitOrRefuse(walk, objectId(commit), repo, "merge into " + branch);
                if (walk.isMergedInto(theirs, ours)) {
                    if (local == null || !local.getObjectId().equals(ours)) moveBranch(repo, walk, refName, ours, expectedOld, "branch: updated from " + start.getName());
                    return new MergeResult.AlreadyUpToDate(commitId(ours));
                }
                if (walk.isMergedInto(ours, theirs)) {
                    moveBranch(repo, walk, refName, theirs, expectedOld, "merge %s: Fast-forward".formatted(theirs.name()));
                    return new MergeResult.FastForwarded(commitId(theirs));
                }
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repo.getConfig());
                if (!merger.merge(ours, theirs)) {
                    Set<String> files = new TreeSet<>(merger.getUnmergedPaths());
                    if (merger.getFailingPaths() != null) files.addAll(merger.getFailingPaths().keySet());
                    return new MergeResult.Conflicted(List.copyOf(files));
                }
                PersonIdent person = new PersonIdent(author.id(), "");
                CommitBuilder mergeCommit = new CommitBuilder();
                mergeCommit.setTreeId(merger.getResultTreeId());
                mergeCommit.setParentIds(ours, theirs);
                mergeCommit.setAuthor(person);
                mergeCommit.setCommitter(person);
                mergeCommit.setMessage(message == null || message.endsWith("\n") ? message : message + "\n");
                ObjectId merged = inserter.insert(mergeCommit);
                inserter.flush();
                moveBranch(repo, walk, refName, merged, expectedOld, "merge %s: Merge made by recursive.".formatted(theirs.name()));
                return new MergeResult.Merged(commitId(merged));
            }
        });
    }

    @Override
    public void exportTree(SourceRepository repository, CommitId commit, Path destination) {
        inRepository(repository, "export tree", repo -> {
            try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader(); TreeWalk tree = new TreeWalk(repo, reader)) {
                RevCommit exported = walk.parseCommit(objectId(commit));
                tree.addTree(exported.getTree());
                tree.setRecursive(true);
                Path root = createDirectories(destination);
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    // Submodules are other repositories; a tree of this one does not hold their files.
                    if (FileMode.GITLINK.equals(mode)) continue;
                    writeEntry(reader, tree, mode, root, destination);
                }
            }
            return null;
        });
    }

    /** Closes the repositories this adapter opened and its SSH sessions. */
    @Override
    public void close() {
        open.values().forEach(Repository::close);
        open.clear();
        synchronized (this) {
            if (sshSessions != null) sshSessions.close();
            sshSessions = null;
        }
    }

    // ---------------------------------------------------------------- network

    private void push(SourceRepository repository, String action, String refName, String what) {
        inRepository(repository, action, repo -> {
            if (!hasOrigin(repo)) throw failure(action, false, "%s has no remote named origin".formatted(repo.getDirectory()), null);
            if (repo.exactRef(refName) == null) throw failure(action, false, "%s has no %s".formatted(repo.getDirectory(), what), null);
            try (Git git = new Git(repo)) {
                Iterable<PushResult> results = overNetwork(git.push()
                        .setRemote(REMOTE)
                        .setRefSpecs(new RefSpec(refName + ":" + refName)))
                        .call();
                for (PushResult result : results) {
                    for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                        checkPushed(action, what, update);
                    }
                }
            }
            return null;
        });
    }

    private void checkPushed(String action, String what, RemoteRefUpdate update) {
        switch (update.getStatus()) {
            case OK, UP_TO_DATE -> { }
            case REJECTED_NONFASTFORWARD -> throw failure(action, false, "origin rejected %s: it is not a fast-forward of what origin has; fetch first"
                    .formatted(what), null);
            case REJECTED_REMOTE_CHANGED -> throw failure(action, true, "origin changed %s while pushing".formatted(what), null);
            case REJECTED_OTHER_REASON -> throw failure(action, false, "origin rejected %s: %s".formatted(what, update.getMessage()), null);
            default -> throw failure(action, true, "origin did not take %s: %s".formatted(what, update.getStatus()), null);
        }
    }

    private <C extends TransportCommand<C, ?>> C overNetwork(C command) {
        return command.setTimeout((int) Math.max(1, networkTimeout.toSeconds())).setTransportConfigCallback(this::configure);
    }

    private void configure(Transport transport) {
        if (transport instanceof HttpTransport && credentials.isPresent() && mayCarryToken(transport.getURI())) {
            HttpsCredentials token = credentials.get();
            transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(token.username(), token.token()));
        } else if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshSessions());
        }
    }

    /** A token travels over TLS only, or to this machine, where no network path can read it. */
    private static boolean mayCarryToken(URIish uri) {
        if ("https".equalsIgnoreCase(uri.getScheme())) return true;
        String host = uri.getHost();
        return "http".equalsIgnoreCase(uri.getScheme()) && host != null
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
    }

    private synchronized SshdSessionFactory sshSessions() {
        if (sshSessions == null) {
            File home = FS.DETECTED.userHome();
            sshSessions = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(home)
                    .setSshDirectory(new File(home, ".ssh"))
                    .build(new JGitKeyCache());
        }
        return sshSessions;
    }

    // ---------------------------------------------------------------- repository access

    @FunctionalInterface
    private interface Work<T> {
        T on(Repository repository) throws IOException, GitAPIException;
    }

    private <T> T inRepository(SourceRepository repository, String action, Work<T> work) {
        Repository repo = open(repository, action);
        try {
            return work.on(repo);
        } catch (OutsideSystemFailure | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (MissingObjectException e) {
            throw failure(action, false, "%s has no commit or object %s".formatted(repo.getDirectory(), e.getObjectId().name()), e);
        } catch (IOException | GitAPIException e) {
            throw failure(action, retryable(e), describe(e), e);
        } catch (RuntimeException e) {
            // JGit wraps I/O trouble in its own unchecked exceptions; anything else is a bug here, not git failing.
            if (!e.getClass().getName().startsWith("org.eclipse.jgit.") && !(e instanceof UncheckedIOException)) throw e;
            throw failure(action, retryable(e), describe(e), e);
        }
    }

    private Repository open(SourceRepository repository, String action) {
        Path location = location(repository, action);
        Repository cached = open.get(location);
        if (cached != null) {
            if (Files.isDirectory(cached.getDirectory().toPath())) return cached;
            if (open.remove(location, cached)) cached.close();
        }
        return open.computeIfAbsent(location, path -> build(path, action));
    }

    private Repository build(Path location, String action) {
        if (!Files.isDirectory(location)) {
            throw failure(action, false, "there is no directory at %s".formatted(location), null);
        }
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
            if (Files.exists(location.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
                builder.setWorkTree(location.toFile());
            } else if (RepositoryCache.FileKey.isGitRepository(location.toFile(), FS.DETECTED)) {
                builder.setGitDir(location.toFile());
            } else {
                throw failure(action, false, "%s is not a git repository (no .git in it)".formatted(location), null);
            }
            return builder.build();
        } catch (RepositoryNotFoundException e) {
            throw failure(action, false, "%s is not a git repository".formatted(location), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OutsideSystemFailure failure) throw failure;
            throw failure(action, false, "cannot open the git repository at %s: %s".formatted(location, describe(e)), e);
        }
    }

    private static Path location(SourceRepository repository, String action) {
        String text = repository.location();
        if (text.equals("~") || text.startsWith("~/")) text = System.getProperty("user.home") + text.substring(1);
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new OutsideSystemFailure(SYSTEM, action, false, "'%s' is not a path to a git repository".formatted(repository.location()), e);
        }
    }

    private static boolean hasOrigin(Repository repo) {
        return repo.getConfig().getString("remote", REMOTE, "url") != null;
    }

    private static Optional<Ref> branchRef(Repository repo, String branch) throws IOException {
        Ref local = repo.exactRef(Constants.R_HEADS + branch);
        return Optional.ofNullable(local != null ? local : repo.exactRef(REMOTE_BRANCHES + branch));
    }

    private static RevCommit parseCommitOrRefuse(RevWalk walk, ObjectId id, Repository repo, String purpose) throws IOException {
        try {
            return walk.parseCommit(id);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new IllegalArgumentException("%s has no commit %s to %s".formatted(repo.getDirectory(), id.name(), purpose), e);
        }
    }

    private void moveBranch(Repository repo, RevWalk walk, String refName, ObjectId to, ObjectId expectedOld, String reflog) throws IOException {
        RefUpdate update = repo.updateRef(refName);
        update.setNewObjectId(to);
        update.setExpectedOldObjectId(expectedOld);
        update.setRefLogMessage(reflog, false);
        RefUpdate.Result result = update.update(walk);
        switch (result) {
            case NEW, FAST_FORWARD, NO_CHANGE -> { }
            case LOCK_FAILURE -> throw failure("merge", true, "%s moved or is locked in %s; try again".formatted(refName, repo.getDirectory()), null);
            default -> throw failure("merge", false, "could not move %s in %s: %s".formatted(refName, repo.getDirectory(), result), null);
        }
    }

    private static IllegalStateException tagExists(String name, Repository repo) {
        return new IllegalStateException("tag %s exists already in %s".formatted(name, repo.getDirectory()));
    }

    private static ObjectId objectId(CommitId commit) {
        if (commit.sha().length() != Constants.OBJECT_ID_STRING_LENGTH) {
            throw new IllegalArgumentException("commit %s is a SHA-256 id; JGit reads SHA-1 repositories only".formatted(commit));
        }
        return ObjectId.fromString(commit.sha());
    }

    private static CommitId commitId(ObjectId id) {
        return CommitId.of(id.name());
    }

    // ---------------------------------------------------------------- export

    private static Path createDirectories(Path destination) {
        try {
            return Files.createDirectories(destination).toRealPath();
        } catch (IOException e) {
            throw new OutsideSystemFailure(SYSTEM, "export tree", false, "cannot create %s: %s".formatted(destination, e.getMessage()), e);
        }
    }

    private static void writeEntry(ObjectReader reader, TreeWalk tree, FileMode mode, Path root, Path destination) throws IOException {
        String path = tree.getPathString();
        Path target = root.resolve(path).normalize();
        try {
            Path parent = Files.createDirectories(target.getParent());
            // A symbolic link left in a reused destination could lead a later file outside of it.
            if (!target.startsWith(root) || !parent.toRealPath().startsWith(root)) {
                throw new OutsideSystemFailure(SYSTEM, "export tree", false, "%s would be written outside %s".formatted(path, destination));
            }
            Files.deleteIfExists(target);
            if (FileMode.SYMLINK.equals(mode)) {
                String linkTarget = new String(reader.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                Files.createSymbolicLink(target, Path.of(linkTarget));
                return;
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).copyTo(out);
            }
            if (FileMode.EXECUTABLE_FILE.equals(mode)) makeExecutable(target);
        } catch (MissingObjectException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            throw new OutsideSystemFailure(SYSTEM, "export tree", false, "cannot write %s into %s: %s".formatted(path, destination, e.getMessage()), e);
        }
    }

    /** Adds execute wherever read is allowed, as git's checkout does for a file of mode 100755. */
    private static void makeExecutable(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) return;
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.OWNER_READ)) permissions.add(PosixFilePermission.OWNER_EXECUTE);
        if (permissions.contains(PosixFilePermission.GROUP_READ)) permissions.add(PosixFilePermission.GROUP_EXECUTE);
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(file, permissions);
    }

    // ---------------------------------------------------------------- failures

    private OutsideSystemFailure failure(String action, boolean retryable, String message, Throwable cause) {
        return new OutsideSystemFailure(SYSTEM, action, retryable, redact(message), carriesSecret(cause) ? null : cause);
    }

    /** Network trouble may pass; a refusal, a missing repository or missing objects will not. */
    private static boolean retryable(Throwable failure) {
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException || t instanceof MissingObjectException) return false;
            if (t instanceof org.eclipse.jgit.errors.TransportException || t instanceof org.eclipse.jgit.api.errors.TransportException) {
                String text = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
                return !(text.contains("not authorized") || text.contains("authentication") || text.contains("auth fail")
                        || text.contains("permission denied") || text.contains("not found"));
            }
            io |= t instanceof IOException;
        }
        return io;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 500; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank() || text.indexOf(message) >= 0) continue;
            if (!text.isEmpty()) text.append(": ");
            text.append(message.strip());
        }
        return text.isEmpty() ? failure.getClass().getSimpleName() : text.toString();
    }

    private String redact(String text) {
        String redacted = USER_INFO.matcher(text == null ? "" : text).replaceAll("://");
        return credentials.map(c -> redacted.replace(c.token(), "***")).orElse(redacted);
    }

    /** Whether any message down the chain would show a token or a URL's password if a log printed the cause. */
    private boolean carriesSecret(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null) continue;
            if (USER_INFO.matcher(message).find()) return true;
            if (credentials.isPresent() && message.contains(credentials.get().token())) return true;
        }
        return false;
    }
}
