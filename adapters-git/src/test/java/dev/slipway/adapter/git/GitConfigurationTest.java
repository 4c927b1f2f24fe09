package dev.slipway.adapter.git;

import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.domain.environment.SourceRepository;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The module's Spring configuration builds the adapter cheaply. */
class GitConfigurationTest {

    @Test
    void buildsTheVersionControlFromTheEnvironmentWithoutTouchingAnyRepository() {
        try (var context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of("SLIPWAY_GIT_TOKEN", "ghp_abc")));
            context.register(GitConfiguration.class);
            context.refresh();

            VersionControl versionControl = context.getBean(VersionControl.class);

            assertThat(versionControl).isInstanceOf(JGitVersionControl.class);
            assertThatThrownBy(() -> versionControl.hasRemote(new SourceRepository("/nonexistent/slipway/repository")))
                    .isInstanceOf(OutsideSystemFailure.class)
                    .hasMessageContaining("/nonexistent/slipway/repository");
        }
    }
}
