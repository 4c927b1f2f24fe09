package dev.slipway.bootstrap.configuration;

import dev.slipway.application.port.out.DeploymentTarget;
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
    public StateDirectory stateDirectory(Launch launch, SlipwayProperties properties, CatalogAssembly assembly) {
        requireFile(launch.configFile());
        return new StateDirectory(PrivateFiles.stateDirectory(assembly.stateDirectory(properties)));
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem("slipway", "no configuration file at %s; create one (examples/hello-service/slipway.yml shows the format), "
                    .formatted(file) + "pass --config PATH, or set SLIPWAY_CONFIG");
        }
    }

    /** The folder that holds Slipway's own files. */
    public record StateDirectory(Path path) {}
}
