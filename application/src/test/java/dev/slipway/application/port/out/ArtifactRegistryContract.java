package dev.slipway.application.port.out;

import dev.slipway.application.port.out.ArtifactRegistry.Image;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ArtifactRegistry} does, run against the fake and against each real adapter. */
public abstract class ArtifactRegistryContract {

    protected static final Duration LOOK_EVERY = Duration.ofMillis(20);

    protected abstract ArtifactRegistry registry();

    /** A repository that exists and holds nothing yet. */
    protected abstract String repository();

    /** Pushes a new image (as CI would) tagged {@code tag}; answers its digest. */
    protected abstract String push(String repository, String tag);

    @Test
    void findsAPushedImageByItsTagWithItsDigest() {
        String digest = push(repository(), "0.1.30-dev");

        assertThat(registry().find(repository(), "0.1.30-dev")).contains(new Image(repository(), "0.1.30-dev", digest));
    }

    @Test
    void findsNothingUnderATagNobodyPushed() {
        push(repository(), "0.1.30-dev");

        assertThat(registry().find(repository(), "0.1.31-dev")).isEmpty();
    }

    @Test
    void retaggingKeepsTheDigestUnderBothTags() {
        String digest = push(repository(), "0.1.30-dev");

        Image promoted = registry().retag(repository(), "0.1.30-dev", "v0.1.30");

        assertThat(promoted).isEqualTo(new Image(repository(), "v0.1.30", digest));
        assertThat(registry().find(repository(), "v0.1.30")).map(Image::digest).contains(digest);
        assertThat(registry().find(repository(), "0.1.30-dev")).map(Image::digest).contains(digest);
    }

    @Test
    void retaggingMovesATagThatNamedAnotherImage() {
        push(repository(), "0.1.29-dev");
        registry().retag(repository(), "0.1.29-dev", "latest-dev");
        String newer = push(repository(), "0.1.30-dev");

        registry().retag(repository(), "0.1.30-dev", "latest-dev");

        assertThat(registry().find(repository(), "latest-dev")).map(Image::digest).contains(newer);
    }

    @Test
    void retaggingRefusesWhenTheImageIsGone() {
        assertThatThrownBy(() -> registry().retag(repository(), "0.1.1-dev", "latest-dev"))
                .isInstanceOfSatisfying(OutsideSystemFailure.class, failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("0.1.1-dev");
                });
    }

    @Test
    void waitingForAnImageThatIsThereAnswersAtOnce() {
        String digest = push(repository(), "0.1.30-dev");

        Optional<Image> image = registry().await(repository(), "0.1.30-dev", LOOK_EVERY, new RecordingStepContext(Instant.now().plusSeconds(5)));

        assertThat(image).map(Image::digest).contains(digest);
    }

    @Test
    void waitingFindsAnImagePushedWhileItWaits() throws Exception {
        RecordingStepContext step = new RecordingStepContext(Instant.now().plusSeconds(10));
        CompletableFuture<String> pushed = CompletableFuture.supplyAsync(() -> push(repository(), "0.1.30-dev"),
                CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));

        Optional<Image> image = registry().await(repository(), "0.1.30-dev", LOOK_EVERY, step);

        assertThat(image).map(Image::digest).contains(pushed.get(5, TimeUnit.SECONDS));
        assertThat(step.reports()).isNotEmpty();
    }

    @Test
    void waitingGivesUpAtTheDeadline() {
        RecordingStepContext step = new RecordingStepContext(Instant.now().plusMillis(200));

        Optional<Image> image = registry().await(repository(), "0.1.30-dev", LOOK_EVERY, step);

        assertThat(image).isEmpty();
        assertThat(Instant.now()).isAfterOrEqualTo(step.deadline());
    }
}
