package dev.slipway.bootstrap;

import dev.slipway.adapter.git.GitConfiguration;
import dev.slipway.adapter.http.HttpProbeConfiguration;
import dev.slipway.adapter.jdbc.JdbcConfiguration;
import dev.slipway.adapter.local.LocalTargetConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The adapters: git, the registry database, the local target, the HTTP health probe, and the AWS targets and build
 * triggers when the configuration uses them ({@link AwsAdapterConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import({GitConfiguration.class, JdbcConfiguration.class, LocalTargetConfiguration.class, AwsAdapterConfiguration.class, HttpProbeConfiguration.class,
        RegistryConfiguration.class, ProbeConfiguration.class})
public class AdapterConfiguration {
}
