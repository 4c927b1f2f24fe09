package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.ArtifactRegistry.Image;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.domain.release.Release;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes a release's image ready in the registry, for both AWS targets: when {@code promoteFrom} names the tag the image
 * was tested under (such as {@code {version}-dev}) that image is retagged with the release's tag, keeping its digest;
 * otherwise the image CI builds is waited for, up to {@code imageWait}. Then {@code latestTag}, when set, is moved to it.
 */
final class ReleaseImage {

    private final ArtifactRegistry registry;
    private final Duration interval;

    ReleaseImage(ArtifactRegistry registry, Duration interval) {
        this.registry = registry;
        this.interval = interval;
    }

    Image ready(String repository, Release release, Optional<String> promoteFrom, Optional<String> latestTag, Duration imageWait, Instant now, StepContext step) {
        Optional<Image> image = registry.find(repository, release.tag());
        if (image.isEmpty() && promoteFrom.isPresent()) {
            String tested = promoteFrom.get().replace("{version}", release.version().toString());
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
        latestTag.ifPresent(tag -> {
            registry.retag(repository, release.tag(), tag);
            step.report("tagged %s:%s as %s too".formatted(repository, release.tag(), tag));
        });
        return ready;
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
