package dev.slipway.bootstrap.init;

import dev.slipway.bootstrap.init.Init.Answers;
import dev.slipway.domain.version.TagPattern;

import java.nio.file.Path;

/** The text of the slipway.yml that {@code slipway init} writes: the answers, with a comment on each choice. */
final class InitialConfiguration {

    private InitialConfiguration() {
    }

    static String write(RepositorySurvey survey, Answers a, Path configFolder) {
        String repository = repository(survey.workTree(), configFolder);
        String next = a.latest().flatMap(latest -> TagPattern.of(a.tag()).parse(latest))
                .map(v -> "next: %s, after %s".formatted(TagPattern.of(a.tag()).format(v.nextPatch()), a.latest().orElseThrow()))
                .orElse("no tag follows it yet: the first deploy is " + TagPattern.of(a.tag()).format(dev.slipway.domain.version.Version.parse("0.1.0")));
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                # Slipway's configuration for %s, written by `slipway init`. Check it with `slipway plan %s`.
                # Every key is described in Slipway's README (section Configuration); AWS targets (ec2-ssm, ecs) are in
                # docs/aws.md, and the distribution's examples/ folder holds a complete file. Secrets never go here.
                # Found: %s; %s.
                slipway:
                  state-dir: .slipway                    # registry (embedded H2), releases, logs; relative to this file
                  services:
                    %s:
                      repository: %s%s# the git working copy; its origin remote is where tags and branches are pushed
                      environments:
                        %s:
                          branch: %s%s# deploys only from this branch, as published on the remote
                          tag: %s%s# %s
                          target: { type: local, command: %s, port: %d }   # releases alternate between port %d and %d
                          health: { path: %s%s }
                          rollback: automatic            # a release that fails its health check is replaced by the previous one (or manual)
                """.formatted(a.service(), a.environment(),
                // The remote's URL comes from the repository's own config, which may hold a newline: one printable line.
                survey.remote().map(url -> "remote origin " + dev.slipway.domain.input.FreeText.printable(url)).orElse("no remote"),
                survey.tagFamilies().isEmpty() ? "no version tags" : "tags like " + survey.tagFamilies().getFirst().latest(),
                a.service(),
                repository, pad("      repository: " + repository),
                a.environment(),
                a.branch(), pad("          branch: " + a.branch()),
                quoted(a.tag()), pad("          tag: " + quoted(a.tag())), next,
                quoted(a.command()), a.port(), a.port(), a.port() + 1,
                a.healthPath(), a.answersVersion() ? ", version-path: /version" : ""));
        yaml.append("""
                        # A second environment promoted from this one (`slipway promote %s prod`) would look like:
                        # prod:
                        #   branch: main
                        #   tag: "v{version}"
                        #   promoted-from: %s
                        #   approval: required
                        #   target: { type: local, command: %s, port: %d }
                """.formatted(a.environment(), a.environment(), quoted(a.command()), a.port() + 10));
        return yaml.toString();
    }

    private static String repository(Path workTree, Path configFolder) {
        Path from = configFolder.toAbsolutePath().normalize();
        if (from.equals(workTree)) return ".";
        String relative = from.relativize(workTree).toString().replace('\\', '/');
        return quoted(relative.isEmpty() ? "." : relative);
    }

    /** A YAML double-quoted string: backslashes and quotes escaped; answers never hold control characters. */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Spaces that start the comment after {@code line} in the file's comment column. */
    private static String pad(String line) {
        return " ".repeat(Math.max(1, 41 - line.length()));
    }
}
