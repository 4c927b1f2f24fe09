package dev.slipway.adapter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An AWS service played by WireMock with state of its own, for contract tests whose steps depend on what earlier calls
 * did: every AWS JSON 1.1 request ({@code X-Amz-Target: Service.Operation}) is answered by {@link #answer}.
 */
abstract class PlayedAws implements ResponseDefinitionTransformerV2 {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The response body of {@code operation} for {@code request}; an {@link IllegalArgumentException} becomes a 400 ClientException. */
    protected abstract ObjectNode answer(String operation, JsonNode request);

    /** A WireMock server on 127.0.0.1 that answers every request through {@code played}. */
    static WireMockServer start(PlayedAws played) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(played));
        server.start();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
        return server;
    }

    @Override
    public final synchronized ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        String operation = target.substring(target.indexOf('.') + 1);
        try {
            JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
            return respond(200, answer(operation, request));
        } catch (IllegalArgumentException e) {
            return respond(400, JSON.createObjectNode().put("__type", "ClientException").put("message", e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinition respond(int status, ObjectNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body.toString()).build();
    }

    @Override
    public String getName() {
        return getClass().getSimpleName();
    }
}
