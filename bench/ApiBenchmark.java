// Not a test: run by bench/api.sh with Java's source launcher. Prints REST API history latency and dashboard time to first
// byte with 100 000 deployments in a real PostgreSQL, served by adapters-http's WebConfiguration over the real core
// services and JdbcDeploymentRegistry (git, targets and locks are the core's in-memory fakes: reads never touch them).
// Loads the registry exactly as bench/history.sh does (its HistoryBenchmark's loader: 20 services x 5 environments,
// four steps and two commits per deployment). Stops by itself.

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.adapter.http.WebConfiguration;
import dev.slipway.adapter.jdbc.HistoryBenchmark;
import dev.slipway.adapter.jdbc.JdbcDeploymentRegistry;
import dev.slipway.adapter.jdbc.RegistrySchema;
import dev.slipway.adapter.jdbc.TestPostgres;
import dev.slipway.application.fakes.FakeDeploymentTarget;
import dev.slipway.application.fakes.FakeVersionControl;
import dev.slipway.application.fakes.InMemoryAuditLog;
import dev.slipway.application.fakes.InMemoryDeploymentLocks;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.service.*;
import dev.slipway.domain.environment.*;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.IntFunction;

public class ApiBenchmark {

    static final String[] ENVIRONMENTS = {"dev", "preview", "staging", "prod", "qa"};
    static final int SERVICES = 20;
    static HikariDataSource pool;

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(WebConfiguration.class)
    public static class BenchServer {
        @Bean public Clock clock() {
            return new Clock() {
                public Instant now() { return Instant.now(); }
                public void sleep(Duration d) throws InterruptedException { Thread.sleep(d); }
            };
        }
        @Bean public Catalog catalog() {
            HealthCheck health = new HealthCheck("/health", Duration.ofSeconds(1), 1, Duration.ofMillis(1), Optional.empty());
            List<Service> services = new ArrayList<>();
            for (int s = 0; s < SERVICES; s++) {
                List<Environment> environments = new ArrayList<>();
                for (String e : ENVIRONMENTS) {
                    environments.add(new Environment(e, BranchPolicy.of(e), TagPattern.of("{version}-" + e), new TargetSpec("fake", Map.of()), health,
                            ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, Optional.empty(), false, dev.slipway.domain.environment.Trigger.MANUAL,
                            e.equals("prod")));
                }
                services.add(Service.of("svc-%02d".formatted(s), new SourceRepository("memory:svc-%02d".formatted(s)), environments));
            }
            return new Catalog(services);
        }
        @Bean(name = "deploymentExecutor", destroyMethod = "shutdownNow") public ExecutorService deploymentExecutor() {
            return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(8));
        }
        @Bean public DeploymentRegistry registry() { return new JdbcDeploymentRegistry(pool); }
        @Bean public InMemoryDeploymentLocks locks(Clock clock) { return new InMemoryDeploymentLocks(clock); }
        @Bean public Targets targets() { return new Targets(List.of(new FakeDeploymentTarget())); }
        @Bean public AuditTrail audit(Clock clock) { return new AuditTrail(new InMemoryAuditLog(), clock); }
        @Bean public AbandonedDeployments abandoned(DeploymentRegistry r, InMemoryDeploymentLocks l, Clock c, AuditTrail a) { return new AbandonedDeployments(r, l, c, a); }
        @Bean public FakeVersionControl git() { return new FakeVersionControl(); }
        @Bean public ReleasePlanner planner(FakeVersionControl git, DeploymentRegistry r) { return new ReleasePlanner(git, r); }
        @Bean public DeploymentRunner runner(DeploymentRegistry r, InMemoryDeploymentLocks l, Clock c, FakeVersionControl git, Targets t) {
            return new DeploymentRunner(r, l, event -> { }, c, (endpoint, check, step) -> null, git, t, new RunnerSettings("bench", Duration.ofSeconds(15), Duration.ofMinutes(5)));
        }
        @Bean public ApprovalService approvals(Catalog c, DeploymentRegistry r, DeploymentRunner run, FakeVersionControl git, AbandonedDeployments a, AuditTrail au, Clock cl) {
            return new ApprovalService(c, r, run, git, a, au, cl);
        }
        @Bean public DeployService deploys(Catalog c, ReleasePlanner p, DeploymentRunner run, ApprovalService ap, InMemoryDeploymentLocks l, DeploymentRegistry r,
                                           AbandonedDeployments a, AuditTrail au, Clock cl) { return new DeployService(c, p, run, ap, l, r, a, au, cl); }
        @Bean public RollbackService rollbacks(Catalog c, ReleasePlanner p, DeploymentRegistry r, DeploymentRunner run, Targets t, ApprovalService ap,
                                               AbandonedDeployments a, AuditTrail au, Clock cl) { return new RollbackService(c, p, r, run, t, ap, a, au, cl); }
        @Bean public PromoteService promotions(Catalog c, ReleasePlanner p, FakeVersionControl git, DeploymentRunner run, ApprovalService ap, DeploymentRegistry r,
                                               AbandonedDeployments a, AuditTrail au, Clock cl, InMemoryDeploymentLocks l) { return new PromoteService(c, p, git, run, ap, r, a, au, cl, l); }
        @Bean public HistoryService history(Catalog c, DeploymentRegistry r, AbandonedDeployments a) { return new HistoryService(c, r, a); }
        @Bean public StatusService status(Catalog c, DeploymentRegistry r, InMemoryDeploymentLocks l, Targets t, AbandonedDeployments a, Clock cl) {
            return new StatusService(c, r, l, t, a, new dev.slipway.application.fakes.FakeHealthProbe(), cl);
        }
        @Bean public LockService lockService(Catalog c, InMemoryDeploymentLocks l, AuditTrail a, Clock cl) { return new LockService(c, l, a, cl); }
        /** Metrics as of the end of the loaded history (one deployment a minute from 2024-01-01), so that its windows are full. */
        @Bean public dev.slipway.application.service.MetricsService metrics(Catalog c, DeploymentRegistry r) {
            Instant end = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(Integer.getInteger("deployments", 100_000) * 60L);
            return new dev.slipway.application.service.MetricsService(c, r, new Clock() {
                public Instant now() { return end; }
                public void sleep(Duration d) throws InterruptedException { Thread.sleep(d); }
            });
        }
    }

    public static void main(String[] args) throws Exception {
        int deployments = Integer.getInteger("deployments", 100_000);
        int warmup = Integer.getInteger("warmup", 2_000);
        int runs = Integer.getInteger("runs", 5_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("deadlineSeconds", 420));

        TestPostgres postgres = TestPostgres.shared();
        pool = postgres.pool(postgres.createDatabase("api_bench"));
        new RegistrySchema(pool).makeCurrent();
        long started = System.nanoTime();
        // history.sh's loader, reached by reflection so that both benchmarks measure the very same registry contents.
        Method load = HistoryBenchmark.class.getDeclaredMethod("load", HikariDataSource.class, int.class, long.class);
        load.setAccessible(true);
        load.invoke(null, pool, deployments, deadline);
        System.out.printf("loaded %,d deployments (4 steps, 2 commits each) into PostgreSQL 17 in %.1f s%n", deployments, (System.nanoTime() - started) / 1e9);

        String token = UUID.randomUUID().toString();
        System.setProperty("BENCH_API_TOKEN", token);  // read like an environment variable; never printed
        SpringApplication app = new SpringApplication(BenchServer.class);
        app.setDefaultProperties(Map.of("server.port", "0", "logging.level.root", "WARN",
                "slipway.api.tokens[0].actor", "bench", "slipway.api.tokens[0].env", "BENCH_API_TOKEN",
                "slipway.dashboard.proxy-user-header", "X-Bench-User", "slipway.dashboard.trusted-proxies[0]", "127.0.0.1"));
        try (ConfigurableApplicationContext context = app.run()) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Random random = new Random(42);
            String base = "http://127.0.0.1:" + port;
            System.out.printf("%nover HTTP/1.1 on loopback, one client, %,d warm-up then %,d measured requests each:%n", warmup, runs);
            System.out.printf("  (this machine: %d processors, load average %.1f when measuring starts: figures include waiting for them)%n",
                    Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            measure("GET /api/deployments?service&environment&limit=50", warmup, runs, deadline, client, i -> HttpRequest.newBuilder(URI.create(base
                    + "/api/deployments?service=svc-%02d&environment=%s&limit=50".formatted(random.nextInt(SERVICES), ENVIRONMENTS[random.nextInt(5)])))
                    .header("Authorization", "Bearer " + token).build(), false);
            measure("GET /api/deployments?limit=50 (all services)", warmup, runs, deadline, client, i -> HttpRequest.newBuilder(URI.create(base
                    + "/api/deployments?limit=50")).header("Authorization", "Bearer " + token).build(), false);
            measure("dashboard GET /?service=S, time to first byte", warmup / 4, runs / 4, deadline, client, i -> HttpRequest.newBuilder(URI.create(base
                    + "/?service=svc-%02d".formatted(random.nextInt(SERVICES)))).header("X-Bench-User", "bench").build(), true);
            measure("dashboard GET /services/S (keys, trend), first byte", warmup / 4, runs / 4, deadline, client, i -> HttpRequest.newBuilder(URI.create(base
                    + "/services/svc-%02d".formatted(random.nextInt(SERVICES)))).header("X-Bench-User", "bench").build(), true);
            measure("GET /api/metrics?service=S (30d)", warmup / 4, runs / 4, deadline, client, i -> HttpRequest.newBuilder(URI.create(base
                    + "/api/metrics?service=svc-%02d".formatted(random.nextInt(SERVICES)))).header("Authorization", "Bearer " + token).build(), false);
            measure("dashboard GET / (100 environments), first byte", warmup / 10, runs / 10, deadline, client, i -> HttpRequest.newBuilder(URI.create(base
                    + "/")).header("X-Bench-User", "bench").build(), true);
        } finally {
            pool.close();
        }
    }

    static void measure(String what, int warmup, int runs, long deadline, HttpClient client, IntFunction<HttpRequest> requests, boolean firstByte)
            throws Exception {
        for (int i = 0; i < warmup && System.nanoTime() < deadline; i++) call(client, requests.apply(i), firstByte);
        long[] nanos = new long[runs];
        int done = 0;
        for (; done < runs && System.nanoTime() < deadline; done++) nanos[done] = call(client, requests.apply(done), firstByte);
        nanos = Arrays.copyOf(nanos, done);
        Arrays.sort(nanos);
        if (done == 0) { System.out.printf("  %-52s not measured: the deadline passed%n", what); return; }
        System.out.printf("  %-52s median %.3f ms   p90 %.3f ms   p99 %.3f ms   max %.3f ms   (%,d requests)%n", what,
                pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), nanos[done - 1] / 1e6, done);
    }

    /** Nanoseconds until the whole answer (API) or until its status line and headers arrived (first byte, dashboard). */
    static long call(HttpClient client, HttpRequest request, boolean firstByte) throws Exception {
        long[] headers = new long[1];
        long t0 = System.nanoTime();
        HttpResponse<Void> response = client.send(request, info -> {
            headers[0] = System.nanoTime();
            return HttpResponse.BodySubscribers.discarding();
        });
        long end = System.nanoTime();
        if (response.statusCode() != 200) throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        return (firstByte ? headers[0] : end) - t0;
    }

    static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
