package dev.slipway.adapter.git;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.application.port.out.VersionControl.MergeResult;
import dev.slipway.application.port.out.VersionControlContract;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.release.CommitId;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The version control contract, and what only real git shows, run against JGit over repositories on disk. */
class JGitVersionControlIT extends VersionControlContract {

    private JGitVersionControl versionControl = new JGitVersionControl(Optional.empty(), Duration.ofSeconds(20));
    private GitRepositories repositories;

    @AfterEach
    void closeRepositories() {
        versionControl.close();
    }

    private GitRepositories repositories() {
        if (repositories == null) repositories = new GitRepositories(scratch);
        return repositories;
    }

    @Override
    protected VersionControl versionControl() {
        return versionControl;
    }

    @Override
    protected SourceRepository newRepository(String name) {
        return repositories().newRepository(name);
    }

    @Override
    protected CommitId commit(SourceRepository repository, String branch, Map<String, String> files, String message, String author) {
        return repositories().commit(repository, branch, files, message, author);
    }

    @Override
    protected void checkout(SourceRepository repository, String branch) {
        repositories().checkout(repository, branch);
    }

    @Override
    protected void detach(SourceRepository repository) {
        repositories().detach(repository);
    }

    @Override
    protected void addRemote(SourceRepository repository) {
        repositories().addRemote(repository);
    }

    @Override
    protected void lightweightTag(SourceRepository repository, String name, CommitId commit) {
        repositories().lightweightTag(repository, name, commit);
    }

    @Override
    protected CommitId commitFromAnotherClone(SourceRepository repository, String branch, Map<String, String> files, String message) {
        return repositories().commitFromAnotherClone(repository, branch, files, message);
    }

    @Override
    protected void tagFromAnotherClone(SourceRepository repository, String name, CommitId commit) {
        repositories().tagFromAnotherClone(repository, name, commit);
    }

    @Override
    protected Set<String> remoteTags(SourceRepository repository) {
        return repositories().remoteTags(repository);
    }

    @Override
    protected Optional<CommitId> remoteBranchHead(SourceRepository repository, String branch) {
        return repositories().remoteBranchHead(repository, branch);
    }

    @Override
    protected void modifyTrackedFile(SourceRepository repository, String path) {
        write(Path.of(repository.location()).resolve(path), "changed in the working copy");
    }

    @Override
    protected void addUntrackedFile(SourceRepository repository, String path) {
        write(Path.of(repository.location()).resolve(path), "not tracked");
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected SourceRepository missingRepository() {
        return new SourceRepository(scratch.resolve("no-such-repository").toString());
    }

    @Test
    void exportsExecutableFilesAsExecutable() throws IOException {
        var repo = newRepository("hello");
        var commit = repositories().commit(repo, "dev", Map.of("deploy.sh", "#!/bin/sh\n", "app.py", "v1"), Set.of("deploy.sh"), "first", "Ada");
        Path destination = scratch.resolve("bundle");

        versionControl.exportTree(repo, commit, destination);

        assertThat(repositories().modes(repo, commit)).containsEntry("deploy.sh", FileMode.EXECUTABLE_FILE);
        assertThat(Files.getPosixFilePermissions(destination.resolve("deploy.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(destination.resolve("app.py"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void mergesWithoutTouchingTheWorkingTreeOrTheIndex() throws Exception {
        var repo = newRepository("hello");
        commit(repo, "main", Map.of("app.py", "v1", "README.md", "hello"), "first", "Ada");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2"), "feature", "Ada");
        commit(repo, "main", Map.of("README.md", "hello, world"), "docs", "Ada");
        checkout(repo, "dev");
        Path workTree = Path.of(repo.location());
        Files.writeString(workTree.resolve("scratch.txt"), "work in progress");

        var result = versionControl.merge(repo, devHead, "main", "promote dev", RELEASER);

        assertThat(result).isInstanceOf(MergeResult.Merged.class);
        assertThat(Files.readString(workTree.resolve("README.md"))).isEqualTo("hello");
        assertThat(versionControl.currentBranch(repo)).contains("dev");
        try (Git git = Git.open(workTree.toFile())) {
            var status = git.status().call();
            assertThat(status.getUntracked()).containsExactly("scratch.txt");
            assertThat(status.getModified()).isEmpty();
            assertThat(status.getChanged()).isEmpty();
        }
    }

    @Test
    void writesAnAnnotatedTagWhoseTaggerIsTheActor() throws IOException {
        var repo = newRepository("hello");
        var commit = commit(repo, "dev", Map.of("app.py", "v1"), "first", "Ada");

        versionControl.createTag(repo, "0.1.30-dev", commit, "release 0.1.30-dev", RELEASER);

        try (Git git = Git.open(Path.of(repo.location()).toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            var ref = git.getRepository().exactRef(Constants.R_TAGS + "0.1.30-dev");
            RevTag tag = walk.parseTag(ref.getObjectId());
            assertThat(tag.getTaggerIdent().getName()).isEqualTo(RELEASER.id());
            assertThat(tag.getFullMessage()).isEqualTo("release 0.1.30-dev\n");
            assertThat(tag.getObject().name()).isEqualTo(commit.sha());
        }
    }

    @Test
    void readsTagsThatGitPackedAndPeelsTheAnnotatedOnes() throws Exception {
        var repo = newRepository("hello");
        var commit = commit(repo, "dev", Map.of("app.py", "v1"), "first", "Ada");
        for (int i = 0; i < 300; i++) lightweightTag(repo, "0.1.%d-dev".formatted(i), commit);
        versionControl.createTag(repo, "v1.0.0", commit, "release", RELEASER);
        try (Git git = Git.open(Path.of(repo.location()).toFile())) {
            git.packRefs().setAll(true).call();
        }
        assertThat(Path.of(repo.location(), ".git/refs/tags/v1.0.0")).doesNotExist();

        assertThat(versionControl.tagNames(repo)).hasSize(301).contains("0.1.299-dev", "v1.0.0");
        assertThat(versionControl.tag(repo, "v1.0.0")).contains(commit);
    }

    @Test
    void mergesIntoABranchThatOnlyOriginHasAndCreatesItLocally() {
        var repo = newRepository("hello");
        var first = commit(repo, "dev", Map.of("app.py", "v1"), "first", "Ada");
        addRemote(repo);
        versionControl.pushBranch(repo, "dev");
        var mainOnOrigin = commitFromAnotherClone(repo, "main", Map.of("README.md", "on main"), "main elsewhere");
        var devHead = commit(repo, "dev", Map.of("app.py", "v2"), "second", "Ada");
        versionControl.fetch(repo);

        var result = versionControl.merge(repo, devHead, "main", "promote", RELEASER);

        CommitId merged = ((MergeResult.Merged) result).head();
        assertThat(versionControl.branchHead(repo, "main")).contains(merged);
        assertThat(versionControl.isAncestor(repo, mainOnOrigin, merged)).isTrue();
        assertThat(versionControl.isAncestor(repo, first, merged)).isTrue();
        versionControl.pushBranch(repo, "main");
        assertThat(remoteBranchHead(repo, "main")).contains(merged);
    }

    @Test
    void refusesToPushABranchThatOriginHasMovedOn() {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first", "Ada");
        addRemote(repo);
        versionControl.pushBranch(repo, "dev");
        commitFromAnotherClone(repo, "dev", Map.of("app.py", "theirs"), "pushed elsewhere");
        commit(repo, "dev", Map.of("app.py", "ours"), "local", "Ada");

        assertThatThrownBy(() -> versionControl.pushBranch(repo, "dev"))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> {
                    assertThat(f.action()).isEqualTo("push branch");
                    assertThat(f.retryable()).isFalse();
                })
                .hasMessageContaining("fast-forward");
    }

    @Test
    void namesADirectoryThatIsNotAGitRepository() throws IOException {
        Path plain = Files.createDirectories(scratch.resolve("plain-directory"));

        assertThatThrownBy(() -> versionControl.currentBranch(new SourceRepository(plain.toString())))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> assertThat(f.retryable()).isFalse())
                .hasMessageContaining(plain.toString())
                .hasMessageContaining("not a git repository");
    }

    @Test
    void reportsARemoteThatIsGoneAsAFailedFetch() throws IOException {
        var repo = newRepository("hello");
        commit(repo, "dev", Map.of("app.py", "v1"), "first", "Ada");
        Path remote = repositories().addRemote(repo);
        deleteTree(remote);

        assertThatThrownBy(() -> versionControl.fetch(repo))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> {
                    assertThat(f.system()).isEqualTo("git");
                    assertThat(f.action()).isEqualTo("fetch");
                });
    }

    @Test
    void sendsTheTokenToAnHttpRemoteOnThisMachineAndNeverShowsIt() throws Exception {
        String token = "ghp_" + "s3cr3tT0kenValue";
        versionControl.close();
        versionControl = new JGitVersionControl(Optional.of(new HttpsCredentials("x-access-token", token)), Duration.ofSeconds(20));
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) authorizations.add(authorization);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            var repo = newRepository("hello");
            commit(repo, "dev", Map.of("app.py", "v1"), "first", "Ada");
            try (Git git = Git.open(Path.of(repo.location()).toFile())) {
                git.remoteAdd().setName("origin").setUri(new URIish("http://127.0.0.1:%d/hello.git".formatted(server.getAddress().getPort()))).call();
            }

            assertThatThrownBy(() -> versionControl.fetch(repo))
                    .isInstanceOfSatisfying(OutsideSystemFailure.class, f -> {
                        assertThat(f.retryable()).isFalse();
                        assertThat(f.getMessage()).doesNotContain(token);
                        for (Throwable t = f.getCause(); t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
                        }
                    });
            String expected = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
            assertThat(authorizations).contains(expected);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void findsTheCommitOfATagMadeOnATreeNotAtAll() throws Exception {
        var repo = newRepository("hello");
        var commit = commit(repo, "dev", Map.of("app.py", "v1"), "first", "Ada");
        try (Git git = Git.open(Path.of(repo.location()).toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            var tree = walk.parseCommit(ObjectId.fromString(commit.sha())).getTree();
            git.tag().setName("a-tree").setAnnotated(false).setObjectId(tree).call();
        }

        assertThat(versionControl.tag(repo, "a-tree")).isEmpty();
        assertThat(versionControl.tagNames(repo)).containsExactly("a-tree");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
