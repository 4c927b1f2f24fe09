package dev.slipway.bootstrap;

import dev.slipway.adapter.shell.ShellConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The command-line mode ({@code slipway <command>} and {@code slipway shell}): the shell adapter's runner executes the
 * arguments once the context is up and reports the exit code to {@code SpringApplication.exit}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ShellConfiguration.class)
public class CommandLineConfiguration {
}
