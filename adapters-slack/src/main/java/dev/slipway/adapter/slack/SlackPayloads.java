package dev.slipway.adapter.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the shape of a signed Slack request body before Bolt reads it: form encoding that decodes, a slash command
 * that names its command, user and team, an interaction payload that is a JSON object naming its type and user. What is
 * wrong is said in a sentence, answered 400; nothing malformed reaches a handler.
 */
final class SlackPayloads {

    private SlackPayloads() {
    }

    static Optional<String> malformed(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            } catch (IllegalArgumentException e) {
                return Optional.of("the body is not form-encoded: a '%' is not followed by two hex digits");
            }
        }
        if (fields.containsKey("payload")) return interaction(fields.get("payload"));
        if (fields.containsKey("command")) {
            if (!fields.getOrDefault("command", "").startsWith("/")) return Optional.of("the slash command's name does not start with '/'");
            for (String required : new String[] {"user_id", "team_id"}) {
                if (fields.getOrDefault(required, "").isBlank()) return Optional.of("the slash command has no %s, so Slipway cannot tell who asked".formatted(required));
            }
            return Optional.empty();
        }
        return Optional.of("the body is neither a slash command nor an interaction payload");
    }

    private static Optional<String> interaction(String json) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
            return Optional.of("the interaction payload is not JSON");
        }
        if (!(parsed instanceof JsonObject payload)) return Optional.of("the interaction payload is not a JSON object");
        if (!(payload.get("type") instanceof JsonElement type) || !type.isJsonPrimitive()) return Optional.of("the interaction payload has no type");
        if (!(payload.get("user") instanceof JsonObject user) || !(user.get("id") instanceof JsonElement id) || !id.isJsonPrimitive()
                || id.getAsString().isBlank()) {
            return Optional.of("the interaction payload names no user, so Slipway cannot tell who acted");
        }
        return Optional.empty();
    }
}
