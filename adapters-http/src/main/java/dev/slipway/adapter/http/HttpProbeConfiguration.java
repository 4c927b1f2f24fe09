package dev.slipway.adapter.http;

import dev.slipway.application.port.out.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the HTTP health probe; the application supplies the {@link Clock} it waits on. */
@Configuration(proxyBeanMethods = false)
public class HttpProbeConfiguration {

    @Bean
    public HttpHealthProbe httpHealthProbe(Clock clock) {
        return new HttpHealthProbe(clock);
    }
}
