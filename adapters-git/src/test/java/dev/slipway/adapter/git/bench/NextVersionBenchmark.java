package dev.slipway.adapter.git.bench;

import dev.slipway.adapter.git.JGitVersionControl;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.version.TagPattern;
import dev.slipway.domain.version.Version;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The application's next-version path over JGit (every tag name, then the highest {@code {version}-dev}): warm, with
 * the repository open and its packed refs read, and cold, with a new adapter that opens the repository each time.
 * Run by {@code bench/next-version.sh}, which passes the repository with {@code -p repository=PATH}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NextVersionBenchmark {

    private static final TagPattern DEV = TagPattern.of("{version}-dev");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Param("")
    public String repository;

    private SourceRepository source;
    private JGitVersionControl open;

    @Setup(Level.Trial)
    public void openRepository() {
        source = new SourceRepository(repository);
        open = new JGitVersionControl(Optional.empty(), TIMEOUT);
        if (DEV.latest(open.tagNames(source)).isEmpty()) throw new IllegalStateException("no {version}-dev tag in " + repository);
    }

    @TearDown(Level.Trial)
    public void closeRepository() {
        open.close();
    }

    /** A version control that has not opened the repository yet, made before each call and closed after it. */
    @State(Scope.Thread)
    public static class Fresh {
        JGitVersionControl versionControl;

        @Setup(Level.Invocation)
        public void create() {
            versionControl = new JGitVersionControl(Optional.empty(), TIMEOUT);
        }

        @TearDown(Level.Invocation)
        public void close() {
            versionControl.close();
        }
    }

    @Benchmark
    public Optional<Version> warm() {
        return DEV.latest(open.tagNames(source));
    }

    @Benchmark
    public Optional<Version> cold(Fresh fresh) {
        return DEV.latest(fresh.versionControl.tagNames(source));
    }
}
