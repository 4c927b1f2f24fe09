package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;
import dev.slipway.application.port.in.DeliveryMetrics.MetricsRequest;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.application.service.MetricsService;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.environment.Trigger;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Not a test: prints how long the four delivery keys take through {@link MetricsService} over {@link JdbcDeploymentRegistry}
 * on an embedded PostgreSQL 17 holding 100 000 deployments (20 services, 5 environments, prod marked production; one
 * deployment a minute for about 70 days; every tenth a rollback, failures and roll-backs among the rest; two commits each).
 * Run by {@code bench/metrics.sh}. Stops by itself when its deadline passes.
 */
public final class MetricsBenchmark {

    private static final String[] ENVIRONMENTS = {"dev", "preview", "staging", "prod", "qa"};
    private static final int SERVICES = 20;
    private static final Status[] STATUSES = {Status.SUCCEEDED, Status.SUCCEEDED, Status.SUCCEEDED, Status.SUCCEEDED, Status.SUCCEEDED,
            Status.SUCCEEDED, Status.FAILED, Status.ROLLED_BACK, Status.CANCELLED, Status.SUCCEEDED};

    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int deployments = Integer.getInteger("deployments", 100_000);
        int warmup = Integer.getInteger("warmup", 200);
        int runs = Integer.getInteger("runs", 500);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("deadlineSeconds", 420));
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        long started = System.nanoTime();
        TestPostgres postgres = TestPostgres.shared();
        System.out.printf("PostgreSQL 17 (zonky embedded binaries) up on port %d in %d ms%n", postgres.port(), millisSince(started));
        try (HikariDataSource pool = postgres.pool(postgres.createDatabase("metrics_bench"))) {
            new RegistrySchema(pool).makeCurrent();
            started = System.nanoTime();
            load(pool, deployments, now, deadline);
            System.out.printf("loaded %,d deployments and %,d commits in %.1f s, one a minute up to %s, then ANALYZE%n",
                    deployments, deployments * 2L, (System.nanoTime() - started) / 1e9, now);

            JdbcDeploymentRegistry registry = new JdbcDeploymentRegistry(pool);
            MetricsService metrics = new MetricsService(catalog(), registry, new FakeClock(now));
            if (Boolean.getBoolean("explain")) explain(pool, registry, now);
            Random random = new Random(42);
            MetricsReport all = answer(metrics.metrics(new MetricsRequest(Optional.empty(), Optional.empty(), Duration.ofDays(90))));
            int counted = all.environments().stream().mapToInt(e -> e.keys().deploys()).sum();
            System.out.printf("check: over 90 days the report counts %,d deploys with a verdict in %d environments (of %,d deployments, rollbacks"
                    + " and cancelled ones are not deploys)%n", counted, all.environments().size(), deployments);

            System.out.printf("%nlatency of one metrics call (MetricsService over JdbcDeploymentRegistry), %,d warm-up then %,d measured:%n", warmup, runs);
            System.out.printf("  (this machine: %d processors, load average %.1f when measuring starts: figures include waiting for them)%n",
                    Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            measure("one service, 30d (the CLI's default)", warmup, runs, deadline, metrics,
                    i -> new MetricsRequest(Optional.of("svc-%02d".formatted(random.nextInt(SERVICES))), Optional.empty(), Duration.ofDays(30)));
            measure("one service, prod, 90d", warmup, runs, deadline, metrics,
                    i -> new MetricsRequest(Optional.of("svc-%02d".formatted(random.nextInt(SERVICES))), Optional.of("prod"), Duration.ofDays(90)));
            measure("every service, 30d (~43 000 deployments)", warmup / 4, runs / 4, deadline, metrics,
                    i -> new MetricsRequest(Optional.empty(), Optional.empty(), Duration.ofDays(30)));
            measure("every service, 90d (all 100 000 deployments)", warmup / 4, runs / 4, deadline, metrics,
                    i -> new MetricsRequest(Optional.empty(), Optional.empty(), Duration.ofDays(90)));
            System.out.printf("  (load average %.1f when measuring ends)%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void measure(String what, int warmup, int runs, long deadline, MetricsService metrics, IntFunction<MetricsRequest> requests) {
        for (int i = 0; i < warmup && System.nanoTime() < deadline; i++) answer(metrics.metrics(requests.apply(i)));
        long[] nanos = new long[runs];
        int done = 0;
        for (; done < runs && System.nanoTime() < deadline; done++) {
            MetricsRequest request = requests.apply(done);
            long t0 = System.nanoTime();
            MetricsReport report = answer(metrics.metrics(request));
            nanos[done] = System.nanoTime() - t0;
            if (report.environments().isEmpty()) throw new IllegalStateException("no environment measured for " + request);
        }
        if (done == 0) {
            System.out.printf("  %-46s not measured: the deadline passed%n", what);
            return;
        }
        long[] measured = Arrays.copyOf(nanos, done);
        Arrays.sort(measured);
        System.out.printf("  %-46s median %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms   (%,d calls)%n", what, percentile(measured, 50),
                percentile(measured, 90), percentile(measured, 99), measured[measured.length - 1] / 1e6, measured.length);
    }

    /** Times the two registry reads alone and prints PostgreSQL's plans for them, to show which indexes they use. */
    private static void explain(HikariDataSource pool, JdbcDeploymentRegistry registry, Instant now) throws SQLException {
        Instant from = now.minus(Duration.ofDays(35));
        for (int i = 0; i < 50; i++) {
            registry.finished(Optional.of("svc-07"), from, now);
            registry.deliveries("svc-07", "prod", from, now);
            registry.finished(Optional.empty(), from, now);
        }
        long t0 = System.nanoTime();
        int rows = registry.finished(Optional.of("svc-07"), from, now).size();
        long t1 = System.nanoTime();
        int deliveries = registry.deliveries("svc-07", "prod", from, now).size();
        long t2 = System.nanoTime();
        int all = registry.finished(Optional.empty(), from, now).size();
        long t3 = System.nanoTime();
        System.out.printf("finished(svc-07, 35d): %d rows in %.2f ms; deliveries(svc-07, prod, 35d): %d in %.2f ms; finished(all, 35d): %d rows in %.2f ms%n",
                rows, (t1 - t0) / 1e6, deliveries, (t2 - t1) / 1e6, all, (t3 - t2) / 1e6);
        String[] queries = {
                "SELECT id, kind, service, environment, status, release_tag, previous_tag, created_at, finished_at FROM deployments WHERE finished_at >= '"
                        + from + "' AND finished_at < '" + now + "' AND service = 'svc-07' ORDER BY finished_at, id",
                JdbcDeploymentRegistry.DELIVERIES.replaceFirst("\\?", "'svc-07'").replaceFirst("\\?", "'prod'").replaceFirst("\\?", "'" + now + "'")
                        .replaceFirst("\\?", "'" + from + "'")};
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String query : queries) {
                System.out.println("\nEXPLAIN ANALYZE " + query.substring(0, Math.min(110, query.length())).replace('\n', ' ') + "...");
                try (var plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
                    while (plan.next()) System.out.println("  " + plan.getString(1));
                }
            }
        }
    }

    private static MetricsReport answer(QueryOutcome<MetricsReport> outcome) {
        if (outcome instanceof QueryOutcome.Answer<MetricsReport> answer) return answer.value();
        throw new IllegalStateException("metrics refused: " + outcome);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static Catalog catalog() {
        HealthCheck health = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ofMillis(1), Optional.empty());
        TargetSpec local = new TargetSpec("local", Map.of());
        List<Service> services = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            List<Environment> environments = new ArrayList<>();
            for (String env : ENVIRONMENTS) {
                environments.add(new Environment(env, BranchPolicy.of(env), TagPattern.of("{version}-" + env), local, health, ApprovalRule.NONE,
                        RollbackPolicy.AUTOMATIC, Optional.empty(), false, Trigger.MANUAL, env.equals("prod")));
            }
            services.add(Service.of("svc-%02d".formatted(s), new SourceRepository("/srv/svc-%02d".formatted(s)), environments));
        }
        return new Catalog(services);
    }

    private static void load(HikariDataSource pool, int deployments, Instant now, long deadline) throws SQLException {
        String deployment = """
                INSERT INTO deployments (id, kind, service, environment, release_version, release_tag, release_commit, previous_service,
                  previous_version, previous_tag, previous_commit, status, requested_by, requested_via, name, summary, created_at, updated_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'U024BE7LH', 'SLACK', ?, '', ?, ?, ?)""";
        String commit = "INSERT INTO release_commits (deployment_id, position, sha, author, committed_at, subject) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement d = connection.prepareStatement(deployment); PreparedStatement c = connection.prepareStatement(commit)) {
                for (int n = 0; n < deployments; n++) {
                    if (n % 1000 == 0 && System.nanoTime() > deadline) throw new IllegalStateException("the deadline passed while loading");
                    String service = "svc-%02d".formatted(n % SERVICES);
                    String environment = ENVIRONMENTS[(n / SERVICES) % ENVIRONMENTS.length];
                    int patch = n / (SERVICES * ENVIRONMENTS.length);
                    boolean rollback = patch % 10 == 9;
                    Instant created = now.minus(Duration.ofMinutes(deployments - n));
                    String id = "%012x".formatted(n);
                    int version = rollback ? patch - 2 : patch;
                    int i = 1;
                    d.setString(i++, id);
                    d.setString(i++, (rollback ? Kind.ROLLBACK : environment.equals("prod") ? Kind.PROMOTE : Kind.DEPLOY).name());
                    d.setString(i++, service);
                    d.setString(i++, environment);
                    d.setString(i++, "0.1." + Math.max(0, version));
                    d.setString(i++, "0.1." + Math.max(0, version) + "-" + environment);
                    d.setString(i++, "%040x".formatted(n));
                    d.setString(i++, service);
                    d.setString(i++, "0.1." + Math.max(0, patch - 1));
                    d.setString(i++, "0.1." + Math.max(0, patch - 1) + "-" + environment);
                    d.setString(i++, "%040x".formatted(Math.max(0, n - SERVICES * ENVIRONMENTS.length)));
                    d.setString(i++, (rollback ? Status.SUCCEEDED : STATUSES[patch % STATUSES.length]).name());
                    d.setString(i++, "Release 0.1." + patch + " of " + service);
                    Database.setInstant(d, i++, created);
                    Database.setInstant(d, i++, created.plusSeconds(42));
                    Database.setInstant(d, i, created.plusSeconds(42));
                    d.addBatch();
                    for (int k = 0; k < 2; k++) {
                        c.setString(1, id);
                        c.setInt(2, k);
                        // A commit reaches every environment of its service: the same sha in dev first, then in prod.
                        c.setString(3, "%040x".formatted((long) (n % SERVICES) << 32 | (long) patch * 2 + k));
                        c.setString(4, "Ada Lovelace <ada@example.com>");
                        Database.setInstant(c, 5, created.minusSeconds(3600L * (k + 1)));
                        c.setString(6, "Change " + patch + "." + k);
                        c.addBatch();
                    }
                    if ((n + 1) % 1000 == 0 || n == deployments - 1) {
                        d.executeBatch();
                        c.executeBatch();
                        connection.commit();
                    }
                }
            }
            connection.setAutoCommit(true);
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE");
            }
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
