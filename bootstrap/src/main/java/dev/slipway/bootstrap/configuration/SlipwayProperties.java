package dev.slipway.bootstrap.configuration;

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
 *   services:
 *     hello:
 *       repository: examples/hello-service     # a git working copy (path); its origin is the remote
 *       environments:
 *         dev:
 *           branch: dev
 *           tag: "{version}-dev"
 *           target: { type: local, command: "python3 app.py", port: 18080, keep: 5 }
 *           health: { path: /health, version-path: /version, timeout: 2s, attempts: 20, interval: 500ms }
 *           rollback: automatic           # or manual
 *           rollback-on: [rollout, verification, timeout]
 *         prod:
 *           branch: main
 *           tag: "v{version}"
 *           promoted-from: dev
 *           approval: required            # or none
 *           approvers: [alice, bob]       # empty: anyone but the requester
 *           approval-expires: 1h
 *           confirm: true                 # the interactive shell asks before acting
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

    /** One deployed service: its git working copy and its environments in the order written. */
    public record ServiceProperties(String repository, Map<String, EnvironmentProperties> environments) {}

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
            @DefaultValue("false") boolean confirm) {}

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
