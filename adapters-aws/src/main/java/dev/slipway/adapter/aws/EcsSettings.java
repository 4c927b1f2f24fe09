package dev.slipway.adapter.aws;

import dev.slipway.domain.environment.Environment;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of an {@code ecs} target: the cluster, the services that roll as one deployment, the containers whose
 * image changes (empty: every container whose image is in the repository), the image repository, the roll-out's own
 * timeout, how long to wait for CI's image, image tags to move or promote from, an optional endpoint to probe, and whether
 * ECS's deployment circuit breaker is switched on for the roll-out.
 */
record EcsSettings(String cluster, List<String> services, List<String> containers, String imageRepository, Duration rolloutTimeout,
                   Duration imageWait, Optional<String> latestTag, Optional<String> promoteFrom, Optional<URI> endpoint,
                   Optional<TargetSettings.BuildSpec> build, boolean circuitBreaker) {

    static final String TYPE = "ecs";
    /** {@code endpoint: none}: the services answer no HTTP; verification is ECS's roll-out state and the tasks' image tag. */
    static final String NO_ENDPOINT = "none";
    static final Set<String> KNOWN = Set.of("cluster", "services", "containers", "repository", "rollout-timeout", "image-wait", "latest-tag",
            "promote-from", "endpoint", "build", "build-project", "circuit-breaker");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:[a-z-]+/[A-Za-z0-9/_-]{1,255}");

    static EcsSettings of(Environment environment) {
        List<String> problems = new ArrayList<>();
        EcsSettings settings = read(environment, problems);
        if (!problems.isEmpty()) throw new IllegalArgumentException("the ecs target of %s is not valid: %s".formatted(environment.name(), String.join("; ", problems)));
        return settings;
    }

    /**
     * The problems of the settings, and a health check Slipway could not run: without {@code endpoint} there is nowhere to
     * send the environment's health check, so it must be given, or declined with {@code endpoint: none}.
     */
    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        read(environment, problems);
        if (environment.target().setting("endpoint").map(String::strip).filter(e -> !e.isEmpty()).isEmpty()) {
            problems.add(("'endpoint' is required: the health check (GET %s) needs the URL where the environment answers, such as "
                    + "https://hello.example.com; write endpoint: none to verify only by ECS's roll-out state and the image the tasks run")
                    .formatted(environment.healthCheck().path()));
        }
        return problems;
    }

    private static List<String> names(TargetSettings s, String key, List<String> problems) {
        List<String> names = s.optional(key).map(text -> Arrays.stream(text.split("[,\\s]+")).filter(n -> !n.isBlank()).distinct().toList()).orElse(List.of());
        names.stream().filter(n -> !NAME.matcher(n).matches()).forEach(n -> problems.add("'%s' holds '%s', which is not an ECS name".formatted(key, n)));
        return names;
    }

    private static EcsSettings read(Environment environment, List<String> problems) {
        TargetSettings s = new TargetSettings(environment.target(), KNOWN, problems);
        String cluster = s.required("cluster", "the ECS cluster's name or ARN");
        if (!cluster.isEmpty() && !NAME.matcher(cluster).matches()) problems.add("'cluster' is '%s', which is not an ECS cluster name".formatted(cluster));
        List<String> services = names(s, "services", problems);
        if (services.isEmpty()) problems.add("'services' is required: the ECS services that roll out together, comma-separated");
        if (services.size() > 10) problems.add("'services' names %d services; one environment rolls at most 10".formatted(services.size()));
        List<String> containers = names(s, "containers", problems);
        String repository = s.required("repository", "the image repository, such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello");
        if (!repository.isEmpty() && !TargetSettings.IMAGE_REPOSITORY.matcher(repository).matches()) {
            problems.add("'repository' is '%s'; it must be registry/name, such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello".formatted(repository));
        }
        Duration timeout = s.duration("rollout-timeout", Duration.ofSeconds(1), Duration.ofHours(6), Duration.ofMinutes(15));
        Duration imageWait = s.duration("image-wait", Duration.ZERO, Duration.ofHours(6), Duration.ofMinutes(15));
        Optional<String> latest = Optional.of(s.matching("latest-tag", TargetSettings.TAG_PATTERN, "an image tag such as latest", "latest-" + environment.name()));
        Optional<String> promoteFrom = s.promoteFrom();
        Optional<URI> endpoint = s.optional("endpoint").filter(NO_ENDPOINT::equals).isPresent() ? Optional.empty() : s.endpoint();
        String breaker = s.optional("circuit-breaker").map(String::strip).orElse("false");
        if (!breaker.equals("true") && !breaker.equals("false")) problems.add("'circuit-breaker' is '%s'; write true or false".formatted(breaker));
        return new EcsSettings(cluster, services, containers, repository, timeout, imageWait, latest.filter(t -> !t.equals("none")), promoteFrom, endpoint, s.build(),
                breaker.equals("true"));
    }

    String repositoryName() {
        return TargetSettings.repositoryName(imageRepository);
    }
}
