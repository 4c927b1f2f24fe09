package dev.slipway.bootstrap;

import dev.slipway.adapter.jdbc.JdbcProperties;
import dev.slipway.adapter.jdbc.RegistrySchema;
import dev.slipway.bootstrap.configuration.CatalogConfiguration.StateDirectory;
import dev.slipway.bootstrap.configuration.PrivateFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import dev.slipway.bootstrap.configuration.ConfigurationProblem;
import dev.slipway.bootstrap.configuration.SlipwayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the registry lives: {@code slipway.registry.url} when the file names one (PostgreSQL for a team), otherwise an
 * H2 file under the state directory that every Slipway process on this machine shares.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {

    /** Once the registry's schema is current (so its files exist), they are made readable by this user only. */
    @Bean
    static BeanPostProcessor privateRegistryFiles(ObjectProvider<StateDirectory> state) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof RegistrySchema) state.ifAvailable(directory -> PrivateFiles.tighten(directory.path()));
                return bean;
            }
        };
    }

    @Bean
    public JdbcProperties jdbcProperties(SlipwayProperties properties, StateDirectory state, Launch launch) {
        SlipwayProperties.Registry registry = properties.registry();
        String url = registry.url() == null || registry.url().isBlank()
                // AUTO_SERVER: the first process opens the file and serves it to the others; a dead one's file is taken over.
                ? "jdbc:h2:file:%s;AUTO_SERVER=TRUE".formatted(state.path().resolve("registry"))
                : registry.url();
        try {
            // A command uses a connection or two; a server also answers the API and dashboard while its workers deploy.
            boolean serving = launch.command().filter("serve"::equals).isPresent();
            return new JdbcProperties(url, registry.username(), serving ? Math.min(64, properties.server().workers() + 6) : 0);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("slipway.registry.url", e.getMessage());
        }
    }
}
