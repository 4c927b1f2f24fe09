package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.ArtifactRegistry.Image;
import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.release.Release;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes a release's image ready in the registry, for both AWS targets: when {@code promoteFrom} names the tag the image
 * was tested under (such as {@code {version}-dev}) that image is retagged with the release's tag, keeping its digest;
 * otherwise the image CI builds is waited for, up to {@code imageWait}. {@code latestTag} is moved only by {@link #point},
 * once the release has been verified in its environment (or brought back by a rollback), never while preparing it.
 */
final class ReleaseImage {

    private final ArtifactRegistry registry;
    private final Duration interval;
    private final Map<String, BuildTrigger> triggers;

    ReleaseImage(ArtifactRegistry registry, Duration interval, List<BuildTrigger> triggers) {
        this.registry = registry;
        this.interval = interval;
        this.triggers = triggers.stream().collect(Collectors.toMap(BuildTrigger::type, t -> t));
    }

    /**
     * Starts the environment's build of the release (VERSION and IMAGE_TAG set to its tag) unless its image exists, or the
     * tested image a promotion retags does, and follows it to its end.
     */
    void build(String repository, Release release, Optional<String> promoteFrom, Optional<TargetSettings.BuildSpec> spec, StepContext step) {
        if (spec.isEmpty() || registry.find(repository, release.tag()).isPresent()) return;
        if (promoteFrom.isPresent() && registry.find(repository, tested(promoteFrom.get(), release)).isPresent()) return;
        BuildTrigger trigger = triggers.get(spec.get().type());
        if (trigger == null) throw new IllegalArgumentException("this Slipway has no %s build trigger".formatted(spec.get().type()));
        BuildTrigger.Build started = trigger.start(spec.get().project(), Map.of("VERSION", release.tag(), "IMAGE_TAG", release.tag()), step);
        step.remember("build", started.id());
        started.link().ifPresent(link -> step.remember("build-link", link.toString()));
        BuildTrigger.Build done = trigger.await(started, step);
        if (done.state() != BuildTrigger.State.SUCCEEDED) {
            throw new OutsideSystemFailure(spec.get().type(), "build " + release.tag(), done.state() == BuildTrigger.State.IN_PROGRESS,
                    "%s %s%s%s".formatted(done.id(), done.state() == BuildTrigger.State.IN_PROGRESS ? "still running at the deadline" : "ended " + done.state(),
                            done.detail().isBlank() ? "" : ": " + done.detail(), done.link().map(l -> " (" + l + ")").orElse("")));
        }
    }

    /**
     * The environment's latest build, told for the status: trigger, project, id, state, when it started and its link;
     * empty without a build setting or when it never ran. A build system that cannot be asked is told too, not thrown.
     */
    Optional<String> latestBuild(Optional<TargetSettings.BuildSpec> spec) {
        if (spec.isEmpty()) return Optional.empty();
        BuildTrigger trigger = triggers.get(spec.get().type());
        if (trigger == null) return Optional.of("this Slipway has no %s build trigger".formatted(spec.get().type()));
        try {
            Optional<LatestBuilds.Latest> latest = trigger instanceof LatestBuilds builds ? builds.latestWithStart(spec.get().project())
                    : trigger.latest(spec.get().project()).map(build -> new LatestBuilds.Latest(build, Optional.empty()));
            return Optional.of(latest.map(l -> "latest %s of %s: %s %s%s%s".formatted(spec.get().type(), spec.get().project(), l.build().id(), l.build().state(),
                            l.startedAt().map(at -> ", started " + at).orElse(""), l.build().link().map(link -> " (" + link + ")").orElse("")))
                    .orElse("%s %s never ran".formatted(spec.get().type(), spec.get().project())));
        } catch (OutsideSystemFailure e) {
            return Optional.of("latest %s of %s unknown: %s".formatted(spec.get().type(), spec.get().project(), e.getMessage()));
        }
    }

    Image ready(String repository, Release release, Optional<String> promoteFrom, Duration imageWait, Instant now, StepContext step) {
        Optional<Image> image = registry.find(repository, release.tag());
        if (image.isEmpty() && promoteFrom.isPresent()) {
            String tested = tested(promoteFrom.get(), release);
            step.report("promoting image %s:%s as %s".formatted(repository, tested, release.tag()));
            image = Optional.of(registry.retag(repository, tested, release.tag()));
        }
        if (image.isEmpty()) {
            Instant until = now.plus(imageWait).isBefore(step.deadline()) ? now.plus(imageWait) : step.deadline();
            image = registry.await(repository, release.tag(), interval, new BoundedStep(step, until));
        }
        Image ready = image.orElseThrow(() -> new OutsideSystemFailure(EcrArtifactRegistry.SYSTEM, "find image " + repository + ":" + release.tag(), true,
                "the image was not pushed within %s; is CI still building it?".formatted(imageWait)));
        step.remember("image-digest", ready.digest());
        return ready;
    }

    /**
     * Moves {@code latestTag} (such as {@code latest-dev}) to the release's image, once the release is the verified one of
     * its environment; answers what it did, empty without a latest tag.
     */
    String point(String repository, Release release, Optional<String> latestTag, StepContext step) {
        if (latestTag.isEmpty()) return "";
        Image moved = registry.retag(repository, release.tag(), latestTag.get());
        step.remember("latest-tag", "%s -> %s".formatted(latestTag.get(), moved.digest()));
        String said = "moved %s to %s:%s".formatted(latestTag.get(), repository, release.tag());
        step.report(said);
        return said;
    }

    private static String tested(String promoteFrom, Release release) {
        return promoteFrom.replace("{version}", release.version().toString());
    }

    /** A step context whose deadline comes earlier than the step's own. */
    private record BoundedStep(StepContext step, Instant until) implements StepContext {
        @Override
        public void report(String message) {
            step.report(message);
        }

        @Override
        public void report(String message, double fraction) {
            step.report(message, fraction);
        }

        @Override
        public void remember(String key, String value) {
            step.remember(key, value);
        }

        @Override
        public Optional<String> recall(String key) {
            return step.recall(key);
        }

        @Override
        public Instant deadline() {
            return until;
        }
    }
}
