package dev.slipway.adapter.git;

import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.CommitId;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Real git repositories in a directory, built with plain JGit (not the adapter under test): working copies, a bare
 * repository per working copy as its {@code file://} origin, and throwaway clones that push to it. Commits are
 * written straight into the object database with times one minute apart, so history order never depends on how
 * fast the test runs; the working tree follows only when the committed branch is the one checked out.
 */
final class GitRepositories {

    private final Path root;
    private Instant clock = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));

    GitRepositories(Path root) {
        this.root = root;
    }

    SourceRepository newRepository(String name) {
        Path dir = root.resolve(name);
        try (Git _ = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            return new SourceRepository(dir.toString());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    CommitId commit(SourceRepository repository, String branch, Map<String, String> files, String message, String author) {
        return commit(repository, branch, files, Set.of(), message, author);
    }

    /** Commits files on top of the branch; paths in {@code executables} get mode 100755. */
    CommitId commit(SourceRepository repository, String branch, Map<String, String> files, Set<String> executables, String message, String author) {
        try (Git git = Git.open(Path.of(repository.location()).toFile())) {
            Repository repo = git.getRepository();
            Ref existing = repo.exactRef(Constants.R_HEADS + branch);
            ObjectId parent = existing != null ? existing.getObjectId() : repo.resolve(Constants.HEAD);
            ObjectId id = writeCommit(repo, parent, branch, files, executables, message, author);
            Ref head = repo.exactRef(Constants.HEAD);
            boolean unborn = repo.resolve(Constants.HEAD) == null;
            if (unborn && head.isSymbolic() && !head.getTarget().getName().equals(Constants.R_HEADS + branch)) {
                repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
            }
            if (head.isSymbolic() && repo.exactRef(Constants.HEAD).getTarget().getName().equals(Constants.R_HEADS + branch)) {
                git.reset().setMode(ResetCommand.ResetType.HARD).call();
            }
            return CommitId.of(id.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    void checkout(SourceRepository repository, String branch) {
        try (Git git = Git.open(Path.of(repository.location()).toFile())) {
            git.checkout().setName(branch).setForced(true).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    void detach(SourceRepository repository) {
        try (Git git = Git.open(Path.of(repository.location()).toFile())) {
            git.checkout().setName(git.getRepository().resolve(Constants.HEAD).name()).setForced(true).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a bare repository next to the working copy and makes it the working copy's origin. */
    Path addRemote(SourceRepository repository) {
        Path bare = remoteOf(repository);
        try (Git _ = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call();
             Git git = Git.open(Path.of(repository.location()).toFile())) {
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
            return bare;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void lightweightTag(SourceRepository repository, String name, CommitId commit) {
        try (Git git = Git.open(Path.of(repository.location()).toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            git.tag().setName(name).setAnnotated(false).setObjectId(walk.parseCommit(ObjectId.fromString(commit.sha()))).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh clone of the remote commits on its branch (a new root when origin lacks it) and pushes. */
    CommitId commitFromAnotherClone(SourceRepository repository, String branch, Map<String, String> files, String message) {
        try (Git clone = cloneOfRemote(repository)) {
            Repository repo = clone.getRepository();
            ObjectId parent = repo.resolve(Constants.R_REMOTES + "origin/" + branch);
            ObjectId id = writeCommit(repo, parent, branch, files, Set.of(), message, "Someone Else");
            clone.push().setRemote("origin").setRefSpecs(new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch)).call();
            return CommitId.of(id.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh clone of the remote makes an annotated tag and pushes it. */
    void tagFromAnotherClone(SourceRepository repository, String name, CommitId commit) {
        try (Git clone = cloneOfRemote(repository); RevWalk walk = new RevWalk(clone.getRepository())) {
            clone.tag().setName(name).setAnnotated(true).setMessage("tagged elsewhere")
                    .setTagger(new PersonIdent("Someone Else", "else@example.com"))
                    .setObjectId(walk.parseCommit(ObjectId.fromString(commit.sha()))).call();
            clone.push().setRemote("origin").setRefSpecs(new RefSpec(Constants.R_TAGS + name + ":" + Constants.R_TAGS + name)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    Set<String> remoteTags(SourceRepository repository) {
        try (Git bare = Git.open(remoteOf(repository).toFile())) {
            Set<String> names = new TreeSet<>();
            for (Ref ref : bare.getRepository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                names.add(ref.getName().substring(Constants.R_TAGS.length()));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<CommitId> remoteBranchHead(SourceRepository repository, String branch) {
        try (Git bare = Git.open(remoteOf(repository).toFile())) {
            Ref ref = bare.getRepository().exactRef(Constants.R_HEADS + branch);
            return Optional.ofNullable(ref).map(r -> CommitId.of(r.getObjectId().name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path remoteOf(SourceRepository repository) {
        Path workTree = Path.of(repository.location());
        return workTree.resolveSibling(workTree.getFileName() + "-origin.git");
    }

    /** The files of a commit as git stores them, with their modes. */
    Map<String, FileMode> modes(SourceRepository repository, CommitId commit) {
        try (Git git = Git.open(Path.of(repository.location()).toFile()); RevWalk walk = new RevWalk(git.getRepository());
             TreeWalk tree = new TreeWalk(git.getRepository())) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(commit.sha())).getTree());
            tree.setRecursive(true);
            Map<String, FileMode> modes = new TreeMap<>();
            while (tree.next()) modes.put(tree.getPathString(), tree.getFileMode(0));
            return modes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Git cloneOfRemote(SourceRepository repository) throws GitAPIException, IOException {
        // git init, remote add and fetch rather than clone, which fails on a remote whose HEAD branch is unborn.
        Path dir = Files.createTempDirectory(root, "other-clone-");
        Git clone = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        try {
            clone.remoteAdd().setName("origin").setUri(new URIish(remoteOf(repository).toUri().toString())).call();
            clone.fetch().setRemote("origin").call();
            return clone;
        } catch (java.net.URISyntaxException e) {
            clone.close();
            throw new IllegalStateException(e);
        } catch (GitAPIException | RuntimeException e) {
            clone.close();
            throw e;
        }
    }

    private ObjectId writeCommit(Repository repo, ObjectId parent, String branch, Map<String, String> files, Set<String> executables,
                                 String message, String author) throws IOException {
        clock = clock.plus(Duration.ofMinutes(1));
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            Map<String, DirCacheEntry> entries = new TreeMap<>();
            if (parent != null) {
                RevCommit parentCommit = walk.parseCommit(parent);
                try (TreeWalk tree = new TreeWalk(repo)) {
                    tree.addTree(parentCommit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        DirCacheEntry entry = new DirCacheEntry(tree.getPathString());
                        entry.setFileMode(tree.getFileMode(0));
                        entry.setObjectId(tree.getObjectId(0));
                        entries.put(tree.getPathString(), entry);
                    }
                }
            }
            for (var file : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(executables.contains(file.getKey()) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
                entries.put(file.getKey(), entry);
            }
            entries.values().forEach(builder::add);
            builder.finish();
            PersonIdent person = new PersonIdent(author, author.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com", clock, ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) commit.setParentId(parent);
            commit.setAuthor(person);
            commit.setCommitter(person);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED) {
                throw new IllegalStateException("could not move " + branch + ": " + result);
            }
            return id;
        }
    }
}
