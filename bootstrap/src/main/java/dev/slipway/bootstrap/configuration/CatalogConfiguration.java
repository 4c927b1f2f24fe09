package dev.slipway.bootstrap.configuration;

import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.GateCheck;
import dev.slipway.application.service.Gates;
import dev.slipway.application.service.Targets;
import dev.slipway.bootstrap.Launch;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.input.Durations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads {@code slipway.yml} into the domain's {@link Catalog} and gathers the deployment targets this build has. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlipwayProperties.class)
public class CatalogConfiguration {

    /**
     * Every duration in slipway.yml reads in the one grammar of the domain (30s, 10m, 1h30m, 2d, 500ms): binding uses this
     * conversion service alone, so neither ISO-8601 ({@code PT15S}) nor a bare number of milliseconds slips through.
     */
    @Bean(name = ConfigurableApplicationContext.CONVERSION_SERVICE_BEAN_NAME)
    public static ConversionService conversionService() {
        ApplicationConversionService service = new ApplicationConversionService();
        service.removeConvertible(String.class, Duration.class);
        service.removeConvertible(Number.class, Duration.class);
        service.addConverter(String.class, Duration.class, text -> Durations.parse("", text));
        return service;
    }

    @Bean
    public Targets targets(List<DeploymentTarget> targets) {
        return new Targets(targets);
    }

    /** The gate checks this build has (prometheus, http; cloudwatch-alarms when the AWS adapters are wired). */
    @Bean
    public Gates gates(List<GateCheck> checks) {
        return new Gates(checks);
    }

    @Bean
    public CatalogAssembly catalogAssembly(Launch launch, List<DeploymentTarget> targets) {
        return new CatalogAssembly(launch.baseDirectory(), targets);
    }

    @Bean
    public Catalog catalog(Launch launch, SlipwayProperties properties, CatalogAssembly assembly) {
        requireFile(launch.configFile());
        return assembly.assemble(properties);
    }

    /** Where Slipway keeps its state (the embedded registry, releases, logs), created on first use. */
    @Bean
    public StateDirectory stateDirectory(Launch launch, SlipwayProperties properties, CatalogAssembly assembly, Catalog catalog) {
        requireFile(launch.configFile());
        StateDirectory state = new StateDirectory(PrivateFiles.stateDirectory(assembly.stateDirectory(properties)));
        catalog.services().forEach(service -> keepOutOfGitStatus(Path.of(service.repository().location()), state.path()));
        return state;
    }

    /**
     * Adds the state directory to the repository's {@code .git/info/exclude} when it lies inside its working tree, so
     * that {@code git status} never shows Slipway's own files. Best effort: a repository that cannot be written to
     * keeps showing it, nothing else.
     */
    static void keepOutOfGitStatus(Path repository, Path state) {
        try {
            Path workTree = repository.toAbsolutePath().normalize();
            Path inside = state.toAbsolutePath().normalize();
            Path gitDir = workTree.resolve(".git");
            if (!inside.startsWith(workTree) || inside.equals(workTree) || !Files.isDirectory(gitDir)) return;
            String pattern = "/" + workTree.relativize(inside).toString().replace('\\', '/') + "/";
            Path exclude = gitDir.resolve("info").resolve("exclude");
            if (Files.exists(exclude) && Files.readAllLines(exclude).stream().anyMatch(line -> line.strip().equals(pattern))) return;
            Files.createDirectories(exclude.getParent());
            String before = Files.exists(exclude) ? Files.readString(exclude) : "";
            Files.writeString(exclude, (before.isEmpty() || before.endsWith("\n") ? before : before + "\n")
                    + "# Slipway's state directory\n" + pattern + "\n");
        } catch (java.io.IOException | RuntimeException e) {
            // Only git status is at stake; deploys never count untracked files.
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem("slipway", ("no configuration file at %s; run `slipway init` in the service's git repository to "
                    + "write one, or pass --config PATH (or set SLIPWAY_CONFIG)").formatted(file));
        }
    }

    /** The folder that holds Slipway's own files. */
    public record StateDirectory(Path path) {}
}
