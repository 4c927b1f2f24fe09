package dev.slipway.adapter.http;

import dev.slipway.application.port.out.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the HTTP health probe (the application supplies the {@link Clock} it waits on) and the HTTP-read gate checks. */
@Configuration(proxyBeanMethods = false)
public class HttpProbeConfiguration {

    @Bean
    public HttpHealthProbe httpHealthProbe(Clock clock) {
        return new HttpHealthProbe(clock);
    }

    @Bean
    public PrometheusGateCheck prometheusGateCheck() {
        return new PrometheusGateCheck();
    }

    @Bean
    public HttpGateCheck httpGateCheck() {
        return new HttpGateCheck();
    }
}
