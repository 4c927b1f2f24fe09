package dev.slipway.bootstrap.init;

import dev.slipway.bootstrap.Launch;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InitTest {

    @TempDir
    Path repository;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Launch> planned = new ArrayList<>();

    private int init(String answers, boolean terminal, String... words) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("init"));
        arguments.addAll(List.of(words));
        Launch launch = new Launch(repository.resolve("slipway.yml"), false, Optional.empty(), arguments);
        return new Init(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(answers)), terminal, l -> {
            planned.add(l);
            return 0;
        }).run(launch);
    }

    private void aRepositoryOnBranchMainWithTags(String... tags) throws Exception {
        Files.writeString(repository.resolve("main.py"), "print('hello')  # serves \"/healthz\"\n");
        PersonIdent me = new PersonIdent("Test", "test@slipway.invalid");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("start").setAuthor(me).setCommitter(me).setSign(false).call();
            for (String tag : tags) git.tag().setName(tag).setAnnotated(false).call();
        }
    }

    @Test
    void asksOnATerminalTakingEnterAsTheDefaultAndAskingAgainAfterAnAnswerItCannotUse() throws Exception {
        aRepositoryOnBranchMainWithTags("v1.2.3", "v1.2.4");

        int exit = init("web\nProd!\nprod\n\n\n\n9000\n\n", true);

        assertThat(exit).as(err.toString()).isZero();
        String screen = out.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("Service name [").contains("First environment [dev]: ").contains("Tag pattern ({version} once) [v{version}]: ")
                .contains("Command that starts a release (gets PORT) [python3 main.py]: ").contains("Health path [/healthz]: ");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'Prod!' is not a name");
        String yaml = Files.readString(repository.resolve("slipway.yml"));
        assertThat(yaml).contains("    web:").contains("        prod:").contains("branch: main").contains("tag: \"v{version}\"")
                .contains("# next: v1.2.5, after v1.2.4").contains("command: \"python3 main.py\", port: 9000").contains("path: /healthz");
        assertThat(planned).singleElement().satisfies(l -> assertThat(l.arguments()).containsExactly("plan", "prod"));
    }

    @Test
    void writesARemoteUrlHoldingANewlineAsOneCommentLineSoTheRepositoryCannotAddKeys() throws Exception {
        aRepositoryOnBranchMainWithTags();
        try (Git git = Git.open(repository.toFile())) {
            var config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", "https://example.invalid/x.git\n  injected: true");
            config.save();
        }

        assertThat(init("", false, "--yes")).as(err.toString()).isZero();

        String yaml = Files.readString(repository.resolve("slipway.yml"));
        assertThat(yaml).contains("remote origin https://example.invalid/x.git?  injected: true").doesNotContain("\n  injected: true");
        assertThat(new org.yaml.snakeyaml.Yaml().<java.util.Map<String, Object>>load(yaml)).doesNotContainKey("injected");
    }

    @Test
    void refusesToAskWithoutATerminalUnlessYesAndWritesNothing() throws Exception {
        aRepositoryOnBranchMainWithTags();

        assertThat(init("", false)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("add --yes");
        assertThat(repository.resolve("slipway.yml")).doesNotExist();
        assertThat(planned).isEmpty();
    }

    @Test
    void refusesAFolderThatIsNotAGitWorkingCopyNamingTheNextStep() throws Exception {
        assertThat(init("", false, "--yes")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not inside a git working copy").contains("next: run `git init`");
    }
}
