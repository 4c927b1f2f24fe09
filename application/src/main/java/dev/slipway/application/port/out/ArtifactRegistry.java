package dev.slipway.application.port.out;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where release images live (a container registry such as ECR): finds an image by tag, gives an image another tag
 * without rebuilding it (so production runs the very digest that was tested), and waits for an image still being
 * built. Every method may throw {@link OutsideSystemFailure}.
 */
public interface ArtifactRegistry {

    /** The image tagged {@code tag} in {@code repository}, empty when there is none (or no such repository). */
    Optional<Image> find(String repository, String tag);

    /**
     * Tags the image that {@code fromTag} names as {@code toTag} too, keeping its digest; moving {@code toTag} from
     * another image is allowed. Refuses with an {@link OutsideSystemFailure} that is not retryable when {@code fromTag}
     * names no image.
     */
    Image retag(String repository, String fromTag, String toTag);

    /**
     * Waits until {@code tag} exists in {@code repository}, looking every {@code interval} and reporting to {@code step};
     * answers empty when {@code step}'s deadline passes first.
     */
    Optional<Image> await(String repository, String tag, Duration interval, StepContext step);

    /** An image: where it is, one of its tags, and its content digest ({@code sha256:...}). */
    record Image(String repository, String tag, String digest) {
        private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

        public Image {
            if (repository == null || repository.isBlank() || tag == null || tag.isBlank()) throw new IllegalArgumentException("an image needs a repository and a tag");
            if (digest == null || !DIGEST.matcher(digest).matches()) throw new IllegalArgumentException("'%s' is not an image digest".formatted(digest));
        }
    }
}
