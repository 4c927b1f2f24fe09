package dev.slipway.adapter.git.bench;

import dev.slipway.adapter.git.JGitVersionControl;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.version.TagPattern;

import java.time.Duration;
import java.util.Optional;

/**
 * The next-version path as a fresh JVM meets it (a headless {@code slipway deploy}): prints the latest
 * {@code {version}-dev} tag and the milliseconds of that first call, class loading included.
 */
public final class NextVersionFirstCall {

    private NextVersionFirstCall() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (JGitVersionControl versionControl = new JGitVersionControl(Optional.empty(), Duration.ofSeconds(60))) {
            var latest = TagPattern.of("{version}-dev").latest(versionControl.tagNames(new SourceRepository(args[0])));
            double millis = (System.nanoTime() - start) / 1e6;
            System.out.printf("%s %.2f%n", latest.map(v -> v + "-dev").orElse("none"), millis);
        }
    }
}
