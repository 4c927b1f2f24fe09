package dev.slipway.adapter.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Plays Slack: signed form posts of slash commands and button presses to Slipway's request URL, as real HTTP. */
final class SlackSigner {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String secret;

    SlackSigner(URI endpoint, String secret) {
        this.endpoint = endpoint;
        this.secret = secret;
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static Map<String, String> slashCommand(String team, String user, String channel, String command, String text, String trigger, String responseUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "unused");
        fields.put("team_id", team);
        fields.put("team_domain", "slipway");
        fields.put("channel_id", channel);
        fields.put("channel_name", "deploys");
        fields.put("user_id", user);
        fields.put("user_name", user.toLowerCase());
        fields.put("command", command);
        fields.put("text", text);
        fields.put("api_app_id", "A0SLIPWAY");
        fields.put("response_url", responseUrl);
        fields.put("trigger_id", trigger);
        return fields;
    }

    static String buttonPress(String team, String user, String channel, String messageTs, String actionId, String value, String trigger, String responseUrl) {
        String json = """
                {"type":"block_actions","api_app_id":"A0SLIPWAY","token":"unused","trigger_id":"%s","response_url":"%s",
                 "team":{"id":"%s","domain":"slipway"},"user":{"id":"%s","username":"%s","team_id":"%s"},
                 "container":{"type":"message","message_ts":"%s","channel_id":"%s","is_ephemeral":false},
                 "channel":{"id":"%s","name":"deploys"},
                 "actions":[{"type":"button","action_id":"%s","block_id":"b1","value":"%s","action_ts":"1700000000.1"}]}"""
                .formatted(trigger, responseUrl, team, user, user.toLowerCase(), team, messageTs, channel, channel, actionId, value);
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    HttpResponse<String> post(String body) throws Exception {
        return post(body, Instant.now().getEpochSecond(), null, null);
    }

    /** Posts {@code body} signed at {@code timestamp}; {@code signature} overrides the correct one, {@code retry} adds X-Slack-Retry-Num. */
    HttpResponse<String> post(String body, long timestamp, String signature, String retry) throws Exception {
        String signed = signature != null ? signature
                : new SlackRequestSignature(secret, InstantSource.system()).sign(Long.toString(timestamp), body.getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp)).header("X-Slack-Signature", signed)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (retry != null) request.header("X-Slack-Retry-Num", retry).header("X-Slack-Retry-Reason", "http_timeout");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same bytes again, with the very same headers: what a replay attacker would send. */
    HttpResponse<String> replay(String body, long timestamp, String signature) throws Exception {
        return post(body, timestamp, signature, null);
    }

    String sign(String body, long timestamp) {
        return new SlackRequestSignature(secret, InstantSource.system()).sign(Long.toString(timestamp), body.getBytes(StandardCharsets.UTF_8));
    }
}
