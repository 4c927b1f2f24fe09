package dev.slipway.bootstrap.configuration;

import dev.slipway.domain.environment.Trigger;
import dev.slipway.domain.rollback.FailureKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code slipway.yml} file as Spring Boot binds it; unknown keys are refused. Relative paths ({@code state-dir},
 * a service's {@code repository}) are relative to the directory that holds the file. {@link CatalogAssembly} turns it
 * into domain objects.
 * <pre>
 * slipway:
 *   state-dir: .slipway            # registry (H2), releases, logs, run state
 *   registry:
 *     url: jdbc:postgresql://db/slipway   # optional; default embedded H2 under state-dir; password only from SLIPWAY_DB_PASSWORD
 *     username: slipway
 *   locks:
 *     lease: 15s                   # deployment lock lease, renewed by the running process
 *   aws:                           # only for ec2-ssm and ecs targets and build triggers; see docs/aws.md
 *     region: eu-west-1
 *   server: { port: 8080, workers: 4, queue: 100, shutdown-grace: 90s }   # slipway serve
 *   slack: { enabled: true, team-id: T0123ABCD, digest-channel: C0DELIVERY }   # tokens only from SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET
 *   api:
 *     tokens:
 *       - { actor: ci, env: SLIPWAY_API_TOKEN_CI, roles: [deploy], environments: [dev] }   # the token is in $SLIPWAY_API_TOKEN_CI
 *   webhooks: { github: { enabled: true } }             # secret only from GITHUB_WEBHOOK_SECRET
 *   access:                        # who may act through Slack and the API (the command line is not limited)
 *     - { members: [U0123ABCD, S0456EFGH], roles: [deploy, rollback, lock], environments: [dev] }
 *     - { members: [S0999RELEASE], roles: [approve], environments: [prod] }
 *   services:
 *     hello:
 *       repository: examples/hello-service     # a git working copy (path); its origin is the remote
 *       github: acme/hello                      # optional: the GitHub repository whose webhooks deploy it
 *       environments:
 *         dev:
 *           branch: dev
 *           tag: "{version}-dev"
 *           target: { type: local, command: "python3 app.py", port: 18080, keep: 5 }
 *           health: { path: /health, version-path: /version, timeout: 2s, attempts: 20, interval: 500ms }
 *           rollback: automatic           # or manual
 *           rollback-on: [rollout, verification, timeout]
 *           bake: 5m                      # keep verifying (health, version, gates) this long before calling it succeeded; at most 1h
 *           gates:                        # read between ec2-ssm waves, after verification and during the bake
 *             cloudwatch-alarms: [hello-5xx]                     # any in ALARM fails (needs slipway.aws)
 *             prometheus: { url: "http://prometheus:9090", query: "sum(rate(http_5xx[1m]))", max: 0.05 }
 *             http: { url: "http://hello:8080/ready", status: 200, json-path: "$.status", equals: "ok" }
 *         prod:
 *           branch: main
 *           tag: "v{version}"
 *           promoted-from: dev
 *           approval: required            # or none
 *           approvers: [alice, bob]       # empty: anyone but the requester
 *           approval-expires: 1h
 *           confirm: true                 # the interactive shell asks before acting
 *           trigger: manual               # or push (a push to the branch deploys), or tag (a pushed matching tag)
 *           production: true              # reaches users: lead time for changes is measured here
 *           target: { type: local, command: "python3 app.py", port: 18090 }
 * </pre>
 * Every nested value may be null when the file leaves it out; the defaults live in {@link CatalogAssembly}.
 */
@ConfigurationProperties(prefix = "slipway", ignoreUnknownFields = false)
public record SlipwayProperties(
        @DefaultValue(".slipway") String stateDir,
        @DefaultValue Registry registry,
        @DefaultValue Locks locks,
        @DefaultValue Aws aws,
        @DefaultValue Server server,
        @DefaultValue Slack slack,
        @DefaultValue Api api,
        @DefaultValue Dashboard dashboard,
        @DefaultValue Webhooks webhooks,
        List<GrantProperties> access,
        Map<String, ServiceProperties> services) {

    /** Where deployments are recorded; no url means the embedded H2 database under the state directory. */
    public record Registry(String url, String username) {}

    /** How long a deployment's lock lease lasts before another process may take it over. */
    public record Locks(@DefaultValue("15s") Duration lease) {}

    /**
     * How the AWS adapters reach AWS (docs/aws.md). They read these keys themselves; they are listed here so that the
     * file is checked whole: a misspelt key or a malformed duration is refused at start like any other.
     */
    public record Aws(String region, String endpoint, Integer maxAttempts, Duration retryBaseDelay, Duration apiCallTimeout,
                      Duration apiCallAttemptTimeout, Duration pollInterval) {}

    /**
     * {@code slipway serve}: the HTTP port, how many deployments run at once for Slack, the API and webhooks
     * ({@code workers}) and how many may wait ({@code queue}), and how long a stop waits for running deployments.
     */
    public record Server(@DefaultValue("8080") int port, @DefaultValue("4") int workers, @DefaultValue("100") int queue,
                         @DefaultValue("90s") Duration shutdownGrace) {}

    /** The Slack front end, read by the Slack adapter itself; listed here so that the file is checked whole. */
    public record Slack(boolean enabled, String mode, String teamId, String enterpriseId, String apiUrl, Duration updateInterval,
                        String approvalsChannel, Duration groupRefresh, String digestChannel) {}

    /** The REST API's tokens: each names the variable that holds it, the actor it stands for and, optionally, its roles. */
    public record Api(List<ApiToken> tokens) {}

    /** {@code roles}, when given, are granted to {@code actor} on {@code services} and {@code environments} (empty: all). */
    public record ApiToken(String actor, String env, List<String> roles, List<String> services, List<String> environments) {}

    /** Signing in to the dashboard behind the team's proxy, and how long a session lasts. */
    public record Dashboard(String proxyUserHeader, List<String> trustedProxies, Duration sessionTimeout) {}

    /** Which webhooks are accepted. */
    public record Webhooks(@DefaultValue Github github) {}

    public record Github(boolean enabled) {}

    /** Gives {@code roles} to {@code members} (Slack user or group ids, API token actors) on services and environments (empty: all). */
    public record GrantProperties(List<String> members, List<String> roles, List<String> services, List<String> environments) {}

    /** One deployed service: its git working copy, the GitHub repository whose webhooks may deploy it, and its environments in order. */
    public record ServiceProperties(String repository, String github, Map<String, EnvironmentProperties> environments) {}

    /** One environment of a service; the target's settings depend on its type and are checked by that target. */
    public record EnvironmentProperties(
            String branch,
            String tag,
            Map<String, String> target,
            @DefaultValue HealthProperties health,
            @DefaultValue("automatic") RollbackMode rollback,
            List<FailureKind> rollbackOn,
            String promotedFrom,
            @DefaultValue("none") ApprovalMode approval,
            List<String> approvers,
            @DefaultValue("1h") Duration approvalExpires,
            @DefaultValue("false") boolean confirm,
            @DefaultValue("manual") Trigger trigger,
            @DefaultValue("false") boolean production,
            Duration bake,
            GatesProperties gates) {}

    /** The gates an environment's deployments must keep passing; each part is optional. */
    public record GatesProperties(List<String> cloudwatchAlarms, PrometheusGate prometheus, HttpGate http) {}

    /** An instant Prometheus query whose value must stay at or below {@code max}. */
    public record PrometheusGate(String url, String query, Double max) {}

    /** A GET that must answer {@code status} (200 when left out) and, with {@code json-path}, a JSON value that {@code equals}. */
    public record HttpGate(String url, Integer status, String jsonPath, String equals) {}

    /** The HTTP health check run against a new release before it counts as deployed. */
    public record HealthProperties(
            @DefaultValue("/health") String path,
            String versionPath,
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("20") int attempts,
            @DefaultValue("500ms") Duration interval) {}

    /** Whether a failed deployment brings back the previous release by itself. */
    public enum RollbackMode { AUTOMATIC, MANUAL }

    /** Whether an environment's deployments wait for a second person's approval. */
    public enum ApprovalMode { REQUIRED, NONE }
}
