package dev.slipway.bootstrap.configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Slipway's state directory inside a repository never shows in git status: it goes into .git/info/exclude, once. */
class StateDirectoryExclusionTest {

    @TempDir
    Path root;

    @Test
    void excludesAStateDirectoryInsideTheWorkingTreeOnce() throws IOException {
        Path repository = Files.createDirectories(root.resolve("hello/.git")).getParent();
        Files.createDirectories(repository.resolve(".git/info"));
        Files.writeString(repository.resolve(".git/info/exclude"), "*.log");

        CatalogConfiguration.keepOutOfGitStatus(repository, repository.resolve(".slipway"));
        CatalogConfiguration.keepOutOfGitStatus(repository, repository.resolve(".slipway"));

        assertThat(Files.readAllLines(repository.resolve(".git/info/exclude"))).containsExactly("*.log", "# Slipway's state directory", "/.slipway/");
    }

    @Test
    void leavesARepositoryAloneWhenTheStateDirectoryIsElsewhere() throws IOException {
        Path repository = Files.createDirectories(root.resolve("hello/.git")).getParent();

        CatalogConfiguration.keepOutOfGitStatus(repository, root.resolve("state"));

        assertThat(repository.resolve(".git/info/exclude")).doesNotExist();
    }
}
