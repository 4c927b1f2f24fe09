package dev.slipway.adapter.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.SpringApplication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For bench/slack-ack.sh, not a test: the Slack front end over the test core in a process of its own, with a
 * few-kilobyte JDK HTTP server in the same process standing in for Slack's Web API. Prints its pid and port.
 * Needs SLACK_SIGNING_SECRET in the environment; the bot token is a placeholder, since the API is the stub.
 */
public final class SlackBenchServer {

    private SlackBenchServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
        api.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            exchange.getRequestBody().readAllBytes();
            answer(exchange, switch (method) {
                case "chat.postMessage" -> "{\"ok\":true,\"ts\":\"%d.%06d\"}".formatted(ts.get() / 1_000_000, ts.incrementAndGet() % 1_000_000);
                case "usergroups.list" -> "{\"ok\":true,\"usergroups\":[]}";
                default -> "{\"ok\":true}";
            });
        });
        api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        api.start();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        SpringApplication application = new SpringApplication(SlackTestApplication.class);
        application.setDefaultProperties(Map.of(
                "server.port", Integer.toString(port),
                "slipway.slack.enabled", "true",
                "slipway.slack.team-id", SlackTestCore.TEAM,
                "slipway.slack.api-url", "http://127.0.0.1:%d/api/".formatted(api.getAddress().getPort()),
                "SLACK_BOT_TOKEN", "bench-bot-token-placeholder",
                "logging.level.dev.slipway", "warn"));
        var context = application.run(args);
        System.out.printf("slack-bench-server pid=%d port=%s%n", ProcessHandle.current().pid(), context.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
