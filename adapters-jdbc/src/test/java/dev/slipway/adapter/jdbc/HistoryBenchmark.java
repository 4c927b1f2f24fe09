package dev.slipway.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Status;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Not a test: prints how long {@code history(service, environment, limit 50)} takes on an embedded PostgreSQL 17
 * holding 100 000 deployments with four steps and two commits each, through {@link JdbcDeploymentRegistry} and a
 * production-configured pool. Run by {@code bench/history.sh}. Stops by itself: loading and each measurement
 * give up when the overall deadline passes.
 */
public final class HistoryBenchmark {

    private static final String[] ENVIRONMENTS = {"dev", "preview", "staging", "prod", "qa"};
    private static final int SERVICES = 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Status[] STATUSES = {Status.SUCCEEDED, Status.SUCCEEDED, Status.SUCCEEDED, Status.SUCCEEDED,
            Status.SUCCEEDED, Status.SUCCEEDED, Status.FAILED, Status.ROLLED_BACK, Status.CANCELLED, Status.SUCCEEDED};

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int deployments = Integer.getInteger("deployments", 100_000);
        int warmup = Integer.getInteger("warmup", 3_000);
        int runs = Integer.getInteger("runs", 10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("deadlineSeconds", 420));

        long started = System.nanoTime();
        TestPostgres postgres = TestPostgres.shared();
        System.out.printf("PostgreSQL 17 (zonky embedded binaries) up on port %d in %d ms%n", postgres.port(), millisSince(started));
        try (HikariDataSource pool = postgres.pool(postgres.createDatabase("history_bench"))) {
            new RegistrySchema(pool).makeCurrent();
            started = System.nanoTime();
            load(pool, deployments, deadline);
            System.out.printf("loaded %,d deployments, %,d steps, %,d commits in %.1f s (batched inserts, 1 000 rows a batch), then ANALYZE%n",
                    deployments, deployments * 4L, deployments * 2L, (System.nanoTime() - started) / 1e9);

            JdbcDeploymentRegistry registry = new JdbcDeploymentRegistry(pool);
            Random random = new Random(42);
            List<Deployment> sample = registry.history(HistoryQuery.of("svc-07", "prod", 50));
            if (sample.size() != 50 || sample.stream().anyMatch(d -> d.steps().size() != 4 || d.notes().commits().size() != 2)) {
                throw new IllegalStateException("the history page is not what was loaded: " + sample.size() + " deployments");
            }
            Instant middle = START.plusSeconds(deployments * 30L);
            if (Boolean.getBoolean("explain")) explain(pool, sample, middle);

            System.out.printf("%nlatency of one call, %,d warm-up calls then %,d measured calls, random service and environment:%n", warmup, runs);
            measure("history(service, env, limit 50)", warmup, runs, deadline,
                    i -> HistoryQuery.of(service(random), ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)], 50), registry);
            measure("history(service, env, limit 50, before=mid)", warmup, runs, deadline,
                    i -> new HistoryQuery(Optional.of(service(random)), Optional.of(ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)]), Set.of(), 50,
                            Optional.of(middle)), registry);
            measure("history(service, env, SETTLED, limit 50)", warmup, runs, deadline,
                    i -> new HistoryQuery(Optional.of(service(random)), Optional.of(ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)]), Status.SETTLED, 50,
                            Optional.empty()), registry);
            measure("history(all services, limit 50)", warmup, runs, deadline, i -> HistoryQuery.of(null, null, 50), registry);
            measureFind(warmup, runs, deadline, registry, deployments, random);
        }
    }

    private static void measure(String what, int warmup, int runs, long deadline, IntFunction<HistoryQuery> queries, JdbcDeploymentRegistry registry) {
        for (int i = 0; i < warmup && System.nanoTime() < deadline; i++) registry.history(queries.apply(i));
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        int done = 0;
        for (; done < runs && System.nanoTime() < deadline; done++) {
            HistoryQuery query = queries.apply(done);
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<Deployment> page = registry.history(query);
            nanos[done] = System.nanoTime() - t0;
            cpu[done] = THREADS.getCurrentThreadCpuTime() - c0;
            if (page.isEmpty()) throw new IllegalStateException("empty page for " + query);
        }
        report(what, Arrays.copyOf(nanos, done));
        if (done > 0) {
            long[] spent = Arrays.copyOf(cpu, done);
            Arrays.sort(spent);
            System.out.printf("  %-46s median %.3f ms of that is this JVM's own CPU (mapping rows, the driver)%n", "", percentile(spent, 50));
        }
    }

    private static void measureFind(int warmup, int runs, long deadline, JdbcDeploymentRegistry registry, int deployments, Random random) {
        for (int i = 0; i < warmup && System.nanoTime() < deadline; i++) registry.find(id(random.nextInt(deployments)));
        long[] nanos = new long[runs];
        int done = 0;
        for (; done < runs && System.nanoTime() < deadline; done++) {
            DeploymentId id = id(random.nextInt(deployments));
            long t0 = System.nanoTime();
            Optional<Deployment> found = registry.find(id);
            nanos[done] = System.nanoTime() - t0;
            if (found.isEmpty()) throw new IllegalStateException("no deployment " + id);
        }
        report("find(id)", Arrays.copyOf(nanos, done));
    }

    private static void report(String what, long[] nanos) {
        if (nanos.length == 0) {
            System.out.printf("  %-46s not measured: the deadline passed%n", what);
            return;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf("  %-46s median %.3f ms   p90 %.3f ms   p99 %.3f ms   max %.3f ms   mean %.3f ms   (%,d calls)%n",
                what, percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99), nanos[nanos.length - 1] / 1e6, mean, nanos.length);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** Prints PostgreSQL's plans for the three queries behind one history page, to show which indexes they use. */
    private static void explain(HikariDataSource pool, List<Deployment> page, Instant before) throws SQLException {
        StringBuilder ids = new StringBuilder();
        for (Deployment d : page) ids.append(ids.isEmpty() ? "" : ", ").append('\'').append(d.id().value()).append('\'');
        String[] queries = {
                "SELECT * FROM deployments WHERE service = 'svc-07' AND environment = 'prod' ORDER BY created_at DESC, id DESC LIMIT 50",
                "SELECT * FROM deployments WHERE service = 'svc-07' AND environment = 'prod' AND created_at < '" + before + "' ORDER BY created_at DESC, id DESC LIMIT 50",
                "SELECT * FROM deployment_steps WHERE deployment_id IN (" + ids + ") ORDER BY deployment_id, position",
                "SELECT * FROM release_commits WHERE deployment_id IN (" + ids + ") ORDER BY deployment_id, position"};
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String query : queries) {
                System.out.println("\nEXPLAIN ANALYZE " + query.substring(0, Math.min(110, query.length())) + "...");
                try (var plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
                    while (plan.next()) System.out.println("  " + plan.getString(1));
                }
            }
        }
    }

    // ---- loading ----

    private static void load(HikariDataSource pool, int deployments, long deadline) throws SQLException {
        String deployment = """
                INSERT INTO deployments (id, kind, service, environment, release_version, release_tag, release_commit, release_artifact,
                  previous_service, previous_version, previous_tag, previous_commit, status, requested_by, requested_via, name, summary,
                  notes_since, owner, created_at, updated_at, finished_at)
                VALUES (?, 'DEPLOY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SLACK', ?, '', ?, ?, ?, ?, ?)""";
        String step = "INSERT INTO deployment_steps (deployment_id, position, name, status, started_at, finished_at, detail, state) VALUES (?, ?, ?, 'SUCCEEDED', ?, ?, ?, ?)";
        String commit = "INSERT INTO release_commits (deployment_id, position, sha, author, committed_at, subject) VALUES (?, ?, ?, ?, ?, ?)";
        String[] steps = {"resolve-version", "tag", "roll-out", "verify"};
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement d = connection.prepareStatement(deployment);
                 PreparedStatement s = connection.prepareStatement(step);
                 PreparedStatement c = connection.prepareStatement(commit)) {
                for (int n = 0; n < deployments; n++) {
                    if (n % 1000 == 0 && System.nanoTime() > deadline) throw new IllegalStateException("the deadline passed while loading");
                    String id = id(n).value();
                    String service = "svc-%02d".formatted(n % SERVICES);
                    String environment = ENVIRONMENTS[(n / SERVICES) % ENVIRONMENTS.length];
                    int patch = n / (SERVICES * ENVIRONMENTS.length);
                    Instant created = START.plusSeconds(n * 60L);
                    String sha = "%040x".formatted(n);
                    int i = 1;
                    d.setString(i++, id);
                    d.setString(i++, service);
                    d.setString(i++, environment);
                    d.setString(i++, "0.1." + patch);
                    d.setString(i++, "0.1." + patch + "-" + environment);
                    d.setString(i++, sha);
                    d.setString(i++, "sha256:" + sha);
                    d.setString(i++, service);
                    d.setString(i++, "0.1." + Math.max(0, patch - 1));
                    d.setString(i++, "0.1." + Math.max(0, patch - 1) + "-" + environment);
                    d.setString(i++, "%040x".formatted(Math.max(0, n - SERVICES * ENVIRONMENTS.length)));
                    d.setString(i++, STATUSES[patch % STATUSES.length].name());
                    d.setString(i++, "U0" + (n % 37));
                    d.setString(i++, "Release 0.1." + patch + " of " + service);
                    d.setString(i++, "0.1." + Math.max(0, patch - 1) + "-" + environment);
                    d.setString(i++, "host-1:" + (1000 + n % 7));
                    Database.setInstant(d, i++, created);
                    Database.setInstant(d, i++, created.plusSeconds(42));
                    Database.setInstant(d, i, created.plusSeconds(42));
                    d.addBatch();
                    for (int k = 0; k < steps.length; k++) {
                        s.setString(1, id);
                        s.setInt(2, k);
                        s.setString(3, steps[k]);
                        Database.setInstant(s, 4, created.plusSeconds(k * 10L));
                        Database.setInstant(s, 5, created.plusSeconds(k * 10L + 9));
                        s.setString(6, steps[k] + " done");
                        s.setString(7, StateText.write(Map.of("command-id", "cmd-" + n + "-" + k)));
                        s.addBatch();
                    }
                    for (int k = 0; k < 2; k++) {
                        c.setString(1, id);
                        c.setInt(2, k);
                        c.setString(3, "%040x".formatted(n * 2L + k));
                        c.setString(4, "Ada Lovelace <ada@example.com>");
                        Database.setInstant(c, 5, created.minusSeconds(3600L * (k + 1)));
                        c.setString(6, "Change number " + (n * 2 + k));
                        c.addBatch();
                    }
                    if ((n + 1) % 1000 == 0 || n == deployments - 1) {
                        d.executeBatch();
                        s.executeBatch();
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

    private static DeploymentId id(int n) {
        return DeploymentId.of("%012x".formatted(n));
    }

    private static String service(Random random) {
        return "svc-%02d".formatted(random.nextInt(SERVICES));
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
