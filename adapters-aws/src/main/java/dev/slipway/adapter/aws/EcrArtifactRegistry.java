package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The artifact registry on Amazon ECR. Retagging copies the image's manifest under the new tag (batch-get-image then
 * put-image), so the digest stays the same and nothing is rebuilt.
 */
public final class EcrArtifactRegistry implements ArtifactRegistry {

    static final String SYSTEM = "ECR";
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final EcrClient ecr;
    private final Clock clock;

    public EcrArtifactRegistry(EcrClient ecr, Clock clock) {
        this.ecr = ecr;
        this.clock = clock;
    }

    /** Refuses a repository name or tag that ECR would not accept, before any call. */
    static void check(String repository, String tag) {
        if (repository == null || repository.length() > 256 || !REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("'%s' is not an ECR repository name".formatted(repository));
        }
        if (tag == null || !TAG.matcher(tag).matches()) throw new IllegalArgumentException("'%s' is not an image tag".formatted(tag));
    }

    @Override
    public Optional<Image> find(String repository, String tag) {
        check(repository, tag);
        try {
            return ecr.describeImages(r -> r.repositoryName(repository).imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                    .imageDetails().stream().findFirst().map(detail -> new Image(repository, tag, detail.imageDigest()));
        } catch (ImageNotFoundException | RepositoryNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCall.failure(SYSTEM, "describe image %s:%s".formatted(repository, tag), e);
        }
    }

    @Override
    public Image retag(String repository, String fromTag, String toTag) {
        check(repository, fromTag);
        check(repository, toTag);
        String action = "retag %s:%s as %s".formatted(repository, fromTag, toTag);
        BatchGetImageResponse found = AwsCall.run(SYSTEM, action, () -> ecr.batchGetImage(r -> r.repositoryName(repository)
                .imageIds(ImageIdentifier.builder().imageTag(fromTag).build()).acceptedMediaTypes(MANIFEST_TYPES)));
        if (found.images().isEmpty()) {
            String why = found.failures().stream().findFirst().map(f -> f.failureCodeAsString() + ": " + f.failureReason()).orElse("no such image");
            throw new OutsideSystemFailure(SYSTEM, action, false, "%s has no image tagged %s (%s)".formatted(repository, fromTag, why));
        }
        var image = found.images().getFirst();
        String digest = image.imageId().imageDigest();
        try {
            ecr.putImage(r -> r.repositoryName(repository).imageTag(toTag)
                    .imageManifest(image.imageManifest()).imageManifestMediaType(image.imageManifestMediaType()));
        } catch (ImageAlreadyExistsException e) {
            // The tag already names this very manifest: retagging twice is a no-op.
        } catch (SdkException e) {
            throw AwsCall.failure(SYSTEM, action, e);
        }
        return new Image(repository, toTag, digest);
    }

    @Override
    public Optional<Image> await(String repository, String tag, Duration interval, StepContext step) {
        check(repository, tag);
        int looks = 0;
        while (true) {
            Optional<Image> image = find(repository, tag);
            if (image.isPresent()) return image;
            Instant now = clock.now();
            if (!now.isBefore(step.deadline())) return Optional.empty();
            looks++;
            step.report("waiting for image %s:%s to be pushed (look %d)".formatted(repository, tag, looks));
            Duration left = Duration.between(now, step.deadline());
            try {
                clock.sleep(left.compareTo(interval) < 0 ? left : interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
