package dev.slipway.application.fakes;

import dev.slipway.application.port.out.ArtifactRegistry;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory image registry: repositories of tags pointing at digests; {@link #push} plays CI building an image. */
public final class FakeArtifactRegistry implements ArtifactRegistry {

    private final Map<String, Map<String, String>> repositories = new ConcurrentHashMap<>();
    private final AtomicInteger builds = new AtomicInteger();

    /** Stores a new image under {@code tag}; answers its digest, different for every push. */
    public String push(String repository, String tag) {
        String digest = "sha256:" + sha256(repository + ":" + tag + "#" + builds.incrementAndGet());
        repositories.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).put(tag, digest);
        return digest;
    }

    /** Forgets {@code tag}, as a lifecycle policy expiring old images would. */
    public void expire(String repository, String tag) {
        Optional.ofNullable(repositories.get(repository)).ifPresent(tags -> tags.remove(tag));
    }

    @Override
    public Optional<Image> find(String repository, String tag) {
        return Optional.ofNullable(repositories.getOrDefault(repository, Map.of()).get(tag)).map(digest -> new Image(repository, tag, digest));
    }

    @Override
    public Image retag(String repository, String fromTag, String toTag) {
        Image from = find(repository, fromTag).orElseThrow(() -> new OutsideSystemFailure("fake registry", "retag " + fromTag, false,
                "%s has no image tagged %s".formatted(repository, fromTag)));
        repositories.get(repository).put(toTag, from.digest());
        return new Image(repository, toTag, from.digest());
    }

    @Override
    public Optional<Image> await(String repository, String tag, Duration interval, StepContext step) {
        while (true) {
            Optional<Image> image = find(repository, tag);
            if (image.isPresent()) return image;
            if (!Instant.now().isBefore(step.deadline())) return Optional.empty();
            step.report("waiting for %s:%s".formatted(repository, tag));
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), Duration.between(Instant.now(), step.deadline()).toMillis() + 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
