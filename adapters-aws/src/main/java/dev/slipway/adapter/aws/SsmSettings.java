package dev.slipway.adapter.aws;

import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.TargetSpec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of an {@code ec2-ssm} target: which instances (ids, or one EC2 tag), the bundle bucket, the image
 * repository, the port and health path the agent checks on the instance, SendCommand's MaxConcurrency and MaxErrors,
 * the delivery and execution timeouts, how long to wait for CI's image, image tags to move or promote from, and an
 * optional endpoint for Slipway's own health check, and the waves the fleet is rolled out in.
 */
record SsmSettings(List<String> instances, Optional<String[]> instanceTag, String bucket, String imageRepository, int port, String healthPath,
                   String maxConcurrency, String maxErrors, Duration deliveryTimeout, Duration executionTimeout, Duration imageWait,
                   Optional<String> latestTag, Optional<String> promoteFrom, Optional<URI> endpoint, String envExample, Optional<TargetSettings.BuildSpec> build, Waves waves) {

    static final String TYPE = "ec2-ssm";
    static final Set<String> KNOWN = Set.of("instances", "instance-tag", "bucket", "repository", "port", "health-path", "max-concurrency",
            "max-errors", "delivery-timeout", "execution-timeout", "image-wait", "latest-tag", "promote-from", "endpoint", "env-example", "build", "build-project", "waves");
    static final Pattern INSTANCE = Pattern.compile("(i|mi)-[0-9a-f]{8,17}");
    private static final Pattern TAG_FILTER = Pattern.compile("[A-Za-z0-9 _.:/=+@-]{1,128}=[A-Za-z0-9 _.:/=+@-]{1,256}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._-]{0,200}");
    private static final Pattern RATE = Pattern.compile("[1-9][0-9]{0,3}%?|0");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._/-]{0,200}");

    static SsmSettings of(Environment environment) {
        List<String> problems = new ArrayList<>();
        SsmSettings settings = read(environment.target(), environment.name(), problems);
        if (!problems.isEmpty()) throw new IllegalArgumentException("the ec2-ssm target of %s is not valid: %s".formatted(environment.name(), String.join("; ", problems)));
        return settings;
    }

    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        read(environment.target(), environment.name(), problems);
        return problems;
    }

    private static SsmSettings read(TargetSpec spec, String environment, List<String> problems) {
        TargetSettings s = new TargetSettings(spec, KNOWN, problems);
        List<String> instances = s.optional("instances").map(text -> Arrays.stream(text.split("[,\\s]+")).filter(id -> !id.isBlank()).toList()).orElse(List.of());
        instances.stream().filter(id -> !INSTANCE.matcher(id).matches())
                .forEach(id -> problems.add("'instances' holds '%s', which is not an instance id such as i-0123456789abcdef0".formatted(id)));
        Optional<String[]> tag = s.optional("instance-tag").map(text -> {
            if (!TAG_FILTER.matcher(text).matches()) {
                problems.add("'instance-tag' is '%s'; it must be Key=Value, such as Role=web".formatted(text));
                return null;
            }
            return text.split("=", 2);
        });
        if (instances.isEmpty() == s.optional("instance-tag").isEmpty()) {
            problems.add("give either 'instances' (instance ids, comma-separated) or 'instance-tag' (Key=Value), not both nor neither");
        }
        String bucket = s.required("bucket", "the S3 bucket that keeps deploy bundles");
        if (!bucket.isEmpty() && !BUCKET.matcher(bucket).matches()) problems.add("'bucket' is '%s', which is not an S3 bucket name".formatted(bucket));
        String repository = s.required("repository", "the image repository, such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello");
        if (!repository.isEmpty() && !TargetSettings.IMAGE_REPOSITORY.matcher(repository).matches()) {
            problems.add("'repository' is '%s'; it must be registry/name, such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello".formatted(repository));
        }
        int port = s.number("port", 1, 65535, 8080);
        String healthPath = s.matching("health-path", PATH, "a path such as /health", "/health");
        String concurrency = s.matching("max-concurrency", RATE, "a number or a percentage such as 50 or 25%", "50");
        String errors = s.matching("max-errors", RATE, "a number or a percentage such as 0 or 10%", "0");
        Duration delivery = s.duration("delivery-timeout", Duration.ofSeconds(30), Duration.ofHours(48), Duration.ofMinutes(2));
        Duration execution = s.duration("execution-timeout", Duration.ofSeconds(5), Duration.ofHours(48), Duration.ofMinutes(10));
        Duration imageWait = s.duration("image-wait", Duration.ZERO, Duration.ofHours(6), Duration.ofMinutes(15));
        Optional<String> latest = Optional.of(s.matching("latest-tag", TargetSettings.TAG_PATTERN, "an image tag such as latest-dev", "latest-" + environment));
        Optional<String> promoteFrom = s.promoteFrom();
        Optional<URI> endpoint = s.endpoint();
        String envExample = s.matching("env-example", FILE, "a relative path in the repository", ".env.example");
        Waves waves = s.optional("waves").map(text -> Waves.parse(text, problems)).orElse(Waves.ALL_AT_ONCE);
        return new SsmSettings(instances, tag, bucket, repository, port, healthPath, concurrency, errors, delivery, execution, imageWait,
                latest.filter(t -> !t.equals("none")), promoteFrom, endpoint, envExample, s.build(), waves);
    }

    String repositoryName() {
        return TargetSettings.repositoryName(imageRepository);
    }
}
