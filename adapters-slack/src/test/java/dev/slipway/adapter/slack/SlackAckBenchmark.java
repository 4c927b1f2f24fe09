package dev.slipway.adapter.slack;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For bench/slack-ack.sh, not a test: sends N concurrent signed slash commands to a running Slipway's
 * {@code /slack/events} and prints the ack latency (p50, p99, max) per round, and the server's resident memory
 * (VmRSS from /proc/PID/status) at rest before the load and after it. The signing secret comes from
 * SLACK_SIGNING_SECRET; response_url points at a receiver in this process, which counts the replies.
 * <pre>SlackAckBenchmark URL TEAM PID [requests=200] [rounds=3] [text="dev"]</pre>
 */
public final class SlackAckBenchmark {

    private SlackAckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String team = args[1];
        long pid = Long.parseLong(args[2]);
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        String text = args.length > 5 ? args[5] : "dev";
        String secret = System.getenv("SLACK_SIGNING_SECRET");
        if (secret == null || secret.isBlank()) throw new IllegalStateException("SLACK_SIGNING_SECRET is not set");

        AtomicInteger replies = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 400);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            replies.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        String responseUrl = "http://127.0.0.1:%d/response".formatted(receiver.getAddress().getPort());

        System.out.printf("server pid %d, VmRSS at rest before load: %s%n", pid, rss(pid));
        SlackRequestSignature signer = new SlackRequestSignature(secret, InstantSource.system());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (int round = 1; round <= rounds; round++) {
            List<Long> micros = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failures = new AtomicInteger();
            CountDownLatch ready = new CountDownLatch(requests);
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(requests);
            for (int i = 0; i < requests; i++) {
                String body = SlackSigner.form(SlackSigner.slashCommand(team, "U0BENCH%03d".formatted(i), "C0BENCH", "/deploy", text,
                        "bench." + UUID.randomUUID(), responseUrl));
                Thread.ofVirtual().start(() -> {
                    try {
                        String timestamp = Long.toString(Instant.now().getEpochSecond());
                        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", timestamp)
                                .header("X-Slack-Signature", signer.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        ready.countDown();
                        go.await();
                        long start = System.nanoTime();
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        long took = (System.nanoTime() - start) / 1000;
                        if (response.statusCode() == 200) micros.add(took);
                        else failures.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }
            ready.await();
            go.countDown();
            done.await();
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            System.out.printf("round %d: %d concurrent slash commands, %d acked 200, %d failed; ack latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    round, requests, sorted.size(), failures.get(), pct(sorted, 50), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.getLast() / 1000.0);
            Thread.sleep(2000);
        }
        System.out.printf("replies received through response_url: %d%n", replies.get());
        System.out.printf("server VmRSS after load: %s%n", rss(pid));
        receiver.stop(0);
    }

    private static double pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) return 0;
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/%d/status".formatted(pid))).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
