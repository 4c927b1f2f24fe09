package dev.slipway.adapter.aws;

import dev.slipway.domain.environment.TargetSpec;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads an AWS target's {@link TargetSpec} settings, collecting every problem instead of stopping at the first. */
final class TargetSettings {

    static final Pattern IMAGE_REPOSITORY = Pattern.compile("[a-z0-9][a-z0-9.-]*(:[0-9]{1,5})?(/[a-z0-9][a-z0-9._-]*)+");
    static final Pattern TAG_PATTERN = Pattern.compile("[A-Za-z0-9_{}][A-Za-z0-9_.{}-]{0,127}");

    private final TargetSpec spec;
    private final List<String> problems;

    TargetSettings(TargetSpec spec, Set<String> known, List<String> problems) {
        this.spec = spec;
        this.problems = problems;
        Set<String> unknown = new TreeSet<>(spec.settings().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            problems.add("unknown setting%s %s; the %s target knows %s".formatted(unknown.size() == 1 ? "" : "s", String.join(", ", unknown),
                    spec.type(), String.join(", ", new TreeSet<>(known))));
        }
    }

    Optional<String> optional(String key) {
        return spec.setting(key).map(String::strip);
    }

    String required(String key, String rule) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) problems.add("'%s' is required: %s".formatted(key, rule));
        return value.orElse("");
    }

    String matching(String key, Pattern pattern, String rule, String fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) return fallback;
        if (!pattern.matcher(value.get()).matches()) {
            problems.add("'%s' is '%s'; it must be %s".formatted(key, value.get(), rule));
            return fallback;
        }
        return value.get();
    }

    int number(String key, int low, int high, int fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) return fallback;
        try {
            int number = Integer.parseInt(value.get());
            if (number >= low && number <= high) return number;
        } catch (NumberFormatException ignored) {
            // reported below with the rule
        }
        problems.add("'%s' is '%s'; it must be a whole number from %d to %d".formatted(key, value.get(), low, high));
        return fallback;
    }

    Duration duration(String key, Duration low, Duration high, Duration fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) return fallback;
        Duration parsed = parseDuration(value.get().toLowerCase(Locale.ROOT));
        if (parsed == null || parsed.compareTo(low) < 0 || parsed.compareTo(high) > 0) {
            problems.add("'%s' is '%s'; it must be a duration such as 90s or 10m, from %s to %s".formatted(key, value.get(),
                    dev.slipway.domain.input.Durations.format(low), dev.slipway.domain.input.Durations.format(high)));
            return fallback;
        }
        return parsed;
    }

    /** The one duration grammar ({@link dev.slipway.domain.input.Durations}); null when the text is not a duration. */
    static Duration parseDuration(String text) {
        try {
            return dev.slipway.domain.input.Durations.parse("", text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The build a target starts before it looks for the release's image: {@code build: codebuild|codepipeline} and {@code build-project}. */
    /** {@code promote-from}: the tag pattern, with {version}, of the images a promotion retags instead of building. */
    Optional<String> promoteFrom() {
        return optional("promote-from").filter(text -> {
            boolean ok = TAG_PATTERN.matcher(text).matches() && text.contains("{version}");
            if (!ok) problems.add("'promote-from' is '%s'; it must be a tag pattern with {version}, such as {version}-dev".formatted(text));
            return ok;
        });
    }

    /** {@code endpoint}: where the environment answers its health check, an http or https URL. */
    Optional<URI> endpoint() {
        return optional("endpoint").flatMap(text -> {
            try {
                URI uri = URI.create(text);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return Optional.of(uri);
            } catch (IllegalArgumentException notAUri) {
                // told below, like any other value that is not a URL
            }
            problems.add("'endpoint' is '%s'; it must be an http or https URL where the environment answers".formatted(text));
            return Optional.empty();
        });
    }

    record BuildSpec(String type, String project) {}

    Optional<BuildSpec> build() {
        Optional<String> type = optional("build");
        Optional<String> project = optional("build-project");
        if (type.isEmpty() && project.isEmpty()) return Optional.empty();
        if (type.isEmpty() || !Set.of("codebuild", "codepipeline").contains(type.get())) {
            problems.add("'build' is '%s'; it must be codebuild or codepipeline, with 'build-project' naming the project or pipeline".formatted(type.orElse("")));
            return Optional.empty();
        }
        if (project.isEmpty() || !BuildVariables.PROJECT.matcher(project.get()).matches()) {
            problems.add("'build-project' is '%s'; it must name the CodeBuild project or the pipeline".formatted(project.orElse("")));
            return Optional.empty();
        }
        return Optional.of(new BuildSpec(type.get(), project.get()));
    }

    /** The repository name inside the registry: {@code team/hello} of {@code 1234.dkr.ecr.eu-west-1.amazonaws.com/team/hello}. */
    static String repositoryName(String imageRepository) {
        return imageRepository.substring(imageRepository.indexOf('/') + 1);
    }
}
