package dev.slipway.adapter.git;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Duration;

/** Builds the JGit version control, with HTTPS credentials taken from the environment. */
@Configuration(proxyBeanMethods = false)
public class GitConfiguration {

    /** How long a fetch or push may wait on a silent remote before it gives up. */
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    public JGitVersionControl jgitVersionControl(Environment environment) {
        return new JGitVersionControl(HttpsCredentials.from(environment::getProperty), NETWORK_TIMEOUT);
    }
}
