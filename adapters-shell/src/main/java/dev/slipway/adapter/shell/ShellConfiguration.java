package dev.slipway.adapter.shell;

import dev.slipway.application.port.in.Approve;
import dev.slipway.application.port.in.DeliveryMetrics;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.EnvironmentStatus;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.Rollback;
import dev.slipway.domain.environment.Catalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * The shell adapter's wiring: the Slipway commands in a Spring Shell registry, the parser, the runner that is both
 * Spring Boot's {@code ApplicationRunner} and its {@code ExitCodeGenerator}, and the {@link TerminalNotifier} for
 * the notifier chain. Needs one bean of each inbound port and the {@link Catalog}. Spring Shell's own
 * auto-configuration is deliberately not on the class path (see the module's pom).
 */
@Configuration(proxyBeanMethods = false)
public class ShellConfiguration {

    @Bean
    public ShellSession shellSession() {
        return ShellSession.ofSystem();
    }

    @Bean
    public TerminalNotifier terminalNotifier(ShellSession session) {
        return new TerminalNotifier(session);
    }

    @Bean
    public CommandRegistry slipwayCommandRegistry(ShellSession session, Catalog catalog, Deploy deploy, PlanDeployment plan, Rollback rollback,
                                                  Promote promote, Approve approve, DeploymentHistory history, EnvironmentStatus status,
                                                  Locks locks, DeliveryMetrics metrics) {
        return SlipwayCommands.registry(session, catalog, deploy, plan, rollback, promote, approve, history, status, locks, metrics);
    }

    @Bean
    public ShellCommandParser shellCommandParser(CommandRegistry slipwayCommandRegistry) {
        return new ShellCommandParser(slipwayCommandRegistry);
    }

    @Bean
    public SlipwayShellRunner slipwayShellRunner(ShellSession session, CommandRegistry slipwayCommandRegistry, ShellCommandParser parser) {
        return new SlipwayShellRunner(session, slipwayCommandRegistry, parser);
    }
}
