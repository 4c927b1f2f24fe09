package dev.slipway.application.fakes;

import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.HealthProbeContract;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** The health probe contract run against the fake, whose endpoints are made up names. */
class FakeHealthProbeContractTest extends HealthProbeContract {

    private final FakeHealthProbe probe = new FakeHealthProbe();
    private final AtomicInteger endpoints = new AtomicInteger();

    @Override
    protected HealthProbe probe() {
        return probe;
    }

    @Override
    protected URI healthyEndpoint(String versionBody) {
        URI endpoint = next();
        probe.reportVersion(endpoint, versionBody);
        return endpoint;
    }

    @Override
    protected URI endpointHealthyAfter(int failures) {
        URI endpoint = next();
        probe.makeSickFor(endpoint, failures);
        return endpoint;
    }

    @Override
    protected URI neverHealthyEndpoint() {
        URI endpoint = next();
        probe.makeSick(endpoint);
        return endpoint;
    }

    @Override
    protected URI refusingEndpoint() {
        return neverHealthyEndpoint();
    }

    private URI next() {
        return URI.create("http://fake-" + endpoints.incrementAndGet());
    }
}
