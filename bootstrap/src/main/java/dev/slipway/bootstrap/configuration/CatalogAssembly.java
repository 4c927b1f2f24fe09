package dev.slipway.bootstrap.configuration;

import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.bootstrap.configuration.ConfigurationProblem.Problem;
import dev.slipway.bootstrap.configuration.SlipwayProperties.ApprovalMode;
import dev.slipway.bootstrap.configuration.SlipwayProperties.EnvironmentProperties;
import dev.slipway.bootstrap.configuration.SlipwayProperties.HealthProperties;
import dev.slipway.bootstrap.configuration.SlipwayProperties.RollbackMode;
import dev.slipway.bootstrap.configuration.SlipwayProperties.ServiceProperties;
import dev.slipway.domain.access.AccessRules;
import dev.slipway.domain.access.Grant;
import dev.slipway.domain.access.Role;
import dev.slipway.domain.environment.ApprovalRule;
import dev.slipway.domain.environment.BranchPolicy;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Gate;
import dev.slipway.domain.input.Durations;
import dev.slipway.domain.environment.HealthCheck;
import dev.slipway.domain.environment.Names;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.environment.SourceRepository;
import dev.slipway.domain.environment.TargetSpec;
import dev.slipway.domain.rollback.FailureKind;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the bound {@link SlipwayProperties} into the domain's {@link Catalog}, collecting every problem (with its key
 * path and what is allowed) instead of stopping at the first, so one run of {@code slipway} shows them all.
 */
public final class CatalogAssembly {

    private static final String SERVICES = "slipway.services";

    private final Path baseDirectory;
    private final Map<String, DeploymentTarget> targets;
    private final List<Problem> problems = new ArrayList<>();

    /** {@code baseDirectory} is where relative paths start (the configuration file's folder); {@code targets} by type. */
    public CatalogAssembly(Path baseDirectory, List<DeploymentTarget> targets) {
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.targets = new LinkedHashMap<>();
        targets.forEach(target -> this.targets.put(target.type(), target));
    }

    /** The catalog the file describes; throws {@link ConfigurationProblem} listing everything wrong with it. */
    public Catalog assemble(SlipwayProperties properties) {
        problems.clear();
        Map<String, ServiceProperties> declared = properties.services() == null ? Map.of() : properties.services();
        if (declared.isEmpty()) {
            problems.add(new Problem(SERVICES, "no service is declared; declare at least one, as in examples/hello-service/slipway.yml"));
        }
        List<Service> services = new ArrayList<>();
        declared.forEach((name, service) -> service(name, service).ifPresent(services::add));
        AccessRules access = access(properties);
        if (!problems.isEmpty()) throw new ConfigurationProblem(problems);
        return attempt(SERVICES, () -> new Catalog(services, access)).orElseThrow(() -> new ConfigurationProblem(problems));
    }

    /** The grants under slipway.access, and those the API tokens carry for their actors. */
    private AccessRules access(SlipwayProperties properties) {
        List<Grant> grants = new ArrayList<>();
        List<SlipwayProperties.GrantProperties> declared = properties.access() == null ? List.of() : properties.access();
        for (int i = 0; i < declared.size(); i++) {
            SlipwayProperties.GrantProperties g = declared.get(i);
            String key = "slipway.access[%d]".formatted(i);
            if (g == null) continue;
            grant(key, g.members(), g.roles(), g.services(), g.environments()).ifPresent(grants::add);
        }
        List<SlipwayProperties.ApiToken> tokens = properties.api() == null || properties.api().tokens() == null ? List.of() : properties.api().tokens();
        for (int i = 0; i < tokens.size(); i++) {
            SlipwayProperties.ApiToken t = tokens.get(i);
            String key = "slipway.api.tokens[%d]".formatted(i);
            if (t == null) continue;
            if (t.actor() == null || t.actor().isBlank()) problems.add(new Problem(key + ".actor", "is required: who the token stands for in history and the audit log, such as ci"));
            if (t.env() == null || !t.env().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(new Problem(key + ".env", "must name the environment variable that holds the token, such as SLIPWAY_API_TOKEN_CI (never the token itself)"));
            }
            if (t.roles() != null && !t.roles().isEmpty() && t.actor() != null && !t.actor().isBlank()) {
                grant(key, List.of(t.actor()), t.roles(), t.services(), t.environments()).ifPresent(grants::add);
            }
        }
        return new AccessRules(grants);
    }

    private Optional<Grant> grant(String key, List<String> members, List<String> roles, List<String> services, List<String> environments) {
        int before = problems.size();
        if (members == null || members.isEmpty()) problems.add(new Problem(key + ".members", "is required: Slack user or user-group ids, or API token actors"));
        if (roles == null || roles.isEmpty()) problems.add(new Problem(key + ".roles", "is required: some of deploy, approve, rollback, lock"));
        java.util.Set<Role> parsed = EnumSet.noneOf(Role.class);
        if (roles != null) roles.forEach(r -> attempt(key + ".roles", () -> Role.parse(r)).ifPresent(parsed::add));
        if (problems.size() > before) return Optional.empty();
        return attempt(key, () -> new Grant(new LinkedHashSet<>(members), parsed,
                services == null ? java.util.Set.of() : new LinkedHashSet<>(services),
                environments == null ? java.util.Set.of() : new LinkedHashSet<>(environments)));
    }

    /** The state directory the file names, resolved against the file's folder. */
    public Path stateDirectory(SlipwayProperties properties) {
        String dir = properties.stateDir();
        if (dir == null || dir.isBlank()) throw new ConfigurationProblem("slipway.state-dir", "must name a directory, such as .slipway");
        return baseDirectory.resolve(dir).toAbsolutePath().normalize();
    }

    private Optional<Service> service(String name, ServiceProperties properties) {
        String key = SERVICES + "." + name;
        int before = problems.size();
        attempt(key, () -> Names.require("service", name));
        Optional<SourceRepository> repository = repository(key + ".repository", properties.repository())
                .flatMap(r -> attempt(key + ".github", () -> new SourceRepository(r.location(), Optional.ofNullable(properties.github()))));
        Map<String, EnvironmentProperties> declared = properties.environments() == null ? Map.of() : properties.environments();
        if (declared.isEmpty()) problems.add(new Problem(key + ".environments", "no environment is declared; declare at least one, such as dev"));
        List<Environment> environments = new ArrayList<>();
        declared.forEach((envName, env) -> environment(key + ".environments." + envName, envName, env).ifPresent(environments::add));
        if (problems.size() > before || repository.isEmpty()) return Optional.empty();
        Optional<Service> service = attempt(key, () -> Service.of(name, repository.get(), environments));
        service.ifPresent(this::validateTargets);
        return problems.size() > before ? Optional.empty() : service;
    }

    private Optional<SourceRepository> repository(String key, String location) {
        if (location == null || location.isBlank()) {
            problems.add(new Problem(key, "is required: the path of the service's git working copy, such as examples/hello-service"));
            return Optional.empty();
        }
        Path path = baseDirectory.resolve(location).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            problems.add(new Problem(key, "'%s' is not a directory (resolved to %s); it must be a git working copy".formatted(location, path)));
            return Optional.empty();
        }
        return Optional.of(new SourceRepository(path.toString()));
    }

    private Optional<Environment> environment(String key, String name, EnvironmentProperties env) {
        int before = problems.size();
        attempt(key, () -> Names.require("environment", name));
        Optional<BranchPolicy> branch = required(key + ".branch", env.branch(), "the branch it deploys from, such as dev or release/*")
                .flatMap(text -> attempt(key + ".branch", () -> BranchPolicy.of(text)));
        Optional<TagPattern> tag = required(key + ".tag", env.tag(), "the tag pattern, such as \"{version}-dev\" or \"v{version}\"")
                .flatMap(text -> attempt(key + ".tag", () -> TagPattern.of(text)));
        Optional<TargetSpec> target = target(key + ".target", env.target());
        Optional<HealthCheck> health = health(key + ".health", env.health());
        Optional<RollbackPolicy> rollback = rollback(key, env.rollback(), env.rollbackOn());
        Optional<ApprovalRule> approval = approval(key, env.approval(), env.approvers(), env.approvalExpires());
        Duration bake = bake(key + ".bake", env.bake());
        List<Gate> gates = gates(key + ".gates", env.gates());
        if (problems.size() > before) return Optional.empty();
        return attempt(key, () -> new Environment(name, branch.orElseThrow(), tag.orElseThrow(), target.orElseThrow(), health.orElseThrow(),
                approval.orElseThrow(), rollback.orElseThrow(), Optional.ofNullable(env.promotedFrom()), env.confirm(), env.trigger(),
                env.production(), bake, gates));
    }

    private Duration bake(String key, Duration bake) {
        if (bake == null) return Duration.ZERO;
        if (bake.isNegative() || bake.compareTo(Environment.LONGEST_BAKE) > 0) {
            problems.add(new Problem(key, "is %s; it must be from 0 to 1h, such as 5m (how long a release keeps being verified before it counts as deployed)"
                    .formatted(Durations.format(bake))));
            return Duration.ZERO;
        }
        return bake;
    }

    private List<Gate> gates(String key, SlipwayProperties.GatesProperties gates) {
        List<Gate> out = new ArrayList<>();
        if (gates == null) return out;
        if (gates.cloudwatchAlarms() != null) {
            attempt(key + ".cloudwatch-alarms", () -> new Gate.CloudWatchAlarms(gates.cloudwatchAlarms())).ifPresent(out::add);
        }
        SlipwayProperties.PrometheusGate prometheus = gates.prometheus();
        if (prometheus != null) {
            String at = key + ".prometheus";
            Optional<URI> url = url(at + ".url", prometheus.url(), "the Prometheus server, such as http://prometheus:9090");
            if (prometheus.query() == null || prometheus.query().isBlank()) problems.add(new Problem(at + ".query", "is required: an instant query, such as sum(rate(http_requests_total{code=~\"5..\"}[1m]))"));
            if (prometheus.max() == null) problems.add(new Problem(at + ".max", "is required: the highest value the query may answer, such as 0.05"));
            if (url.isPresent() && prometheus.query() != null && !prometheus.query().isBlank() && prometheus.max() != null) {
                attempt(at, () -> new Gate.Prometheus(url.get(), prometheus.query(), prometheus.max())).ifPresent(out::add);
            }
        }
        SlipwayProperties.HttpGate http = gates.http();
        if (http != null) {
            String at = key + ".http";
            Optional<URI> url = url(at + ".url", http.url(), "the URL to GET, such as http://hello:8080/ready");
            url.flatMap(u -> attempt(at, () -> new Gate.Http(u, http.status() == null ? 200 : http.status(),
                    Optional.ofNullable(http.jsonPath()), Optional.ofNullable(http.equals())))).ifPresent(out::add);
        }
        return out;
    }

    private Optional<URI> url(String key, String text, String what) {
        if (text == null || text.isBlank()) {
            problems.add(new Problem(key, "is required: " + what));
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                problems.add(new Problem(key, "'%s' is not an http or https URL; give %s".formatted(text, what)));
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            problems.add(new Problem(key, "'%s' is not a URL; give %s".formatted(text, what)));
            return Optional.empty();
        }
    }

    private Optional<TargetSpec> target(String key, Map<String, String> settings) {
        if (settings == null || settings.isEmpty()) {
            problems.add(new Problem(key, "is required: where releases run, such as { type: local, command: \"python3 app.py\", port: 18080 }"));
            return Optional.empty();
        }
        Map<String, String> rest = joinLists(settings);
        String type = rest.remove("type");
        if (type == null || type.isBlank()) {
            problems.add(new Problem(key + ".type", "is required; available in this build: " + String.join(", ", targets.keySet())));
            return Optional.empty();
        }
        if (!targets.containsKey(type)) {
            problems.add(new Problem(key + ".type", "'%s' is not available in this build; available: %s".formatted(type, String.join(", ", targets.keySet()))));
            return Optional.empty();
        }
        return attempt(key, () -> new TargetSpec(type, rest));
    }

    /**
     * A target's settings with each YAML list ({@code waves: [1, 25%, 100%]}, which binds as {@code waves.0},
     * {@code waves.1}, ...) joined back into one comma-separated value, in its order.
     */
    static Map<String, String> joinLists(Map<String, String> settings) {
        Map<String, String> joined = new LinkedHashMap<>();
        Map<String, java.util.TreeMap<Integer, String>> lists = new LinkedHashMap<>();
        java.util.regex.Pattern item = java.util.regex.Pattern.compile("(.+?)(?:\\[(\\d{1,4})]|\\.(\\d{1,4}))");
        settings.forEach((name, value) -> {
            java.util.regex.Matcher m = item.matcher(name);
            if (m.matches()) lists.computeIfAbsent(m.group(1), k -> new java.util.TreeMap<>()).put(Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3)), value);
            else joined.put(name, value);
        });
        lists.forEach((name, values) -> joined.put(name, String.join(",", values.values())));
        return joined;
    }

    private Optional<HealthCheck> health(String key, HealthProperties health) {
        if (health.timeout() == null || health.timeout().isNegative() || health.timeout().isZero()) {
            problems.add(new Problem(key + ".timeout", "must be a positive duration, such as 2s"));
            return Optional.empty();
        }
        if (health.interval() == null || health.interval().isNegative()) {
            problems.add(new Problem(key + ".interval", "must be a duration of zero or more, such as 500ms"));
            return Optional.empty();
        }
        if (health.attempts() < 1) {
            problems.add(new Problem(key + ".attempts", "must be at least 1, not " + health.attempts()));
            return Optional.empty();
        }
        return attempt(key, () -> new HealthCheck(health.path(), health.timeout(), health.attempts(), health.interval(),
                Optional.ofNullable(health.versionPath())));
    }

    private Optional<RollbackPolicy> rollback(String key, RollbackMode mode, List<FailureKind> on) {
        boolean listed = on != null && !on.isEmpty();
        if (mode == RollbackMode.MANUAL) {
            if (listed) {
                problems.add(new Problem(key + ".rollback-on", "applies only with rollback: automatic; remove it or switch rollback to automatic"));
                return Optional.empty();
            }
            return Optional.of(RollbackPolicy.MANUAL);
        }
        return Optional.of(listed ? new RollbackPolicy(true, EnumSet.copyOf(on)) : RollbackPolicy.AUTOMATIC);
    }

    private Optional<ApprovalRule> approval(String key, ApprovalMode mode, List<String> approvers, Duration expires) {
        if (expires == null || expires.isNegative() || expires.isZero() || expires.compareTo(java.time.Duration.ofDays(30)) > 0) {
            problems.add(new Problem(key + ".approval-expires", "must be more than 0 and at most 30d, such as 1h (the approval expiry)"));
            return Optional.empty();
        }
        boolean listed = approvers != null && !approvers.isEmpty();
        if (mode == ApprovalMode.NONE) {
            if (listed) {
                problems.add(new Problem(key + ".approvers", "applies only with approval: required; remove it or require approval"));
                return Optional.empty();
            }
            return Optional.of(new ApprovalRule(false, java.util.Set.of(), expires));
        }
        return Optional.of(ApprovalRule.required(listed ? new LinkedHashSet<>(approvers) : java.util.Set.of(), expires));
    }

    private void validateTargets(Service service) {
        for (Environment env : service.environments().values()) {
            String key = "%s.%s.environments.%s.target".formatted(SERVICES, service.name(), env.name());
            for (String problem : targets.get(env.target().type()).validate(service, env)) {
                problems.add(new Problem(key, problem));
            }
        }
    }

    private Optional<String> required(String key, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(key, "is required: " + what));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Runs a domain constructor, turning its refusal into a problem at {@code key}. */
    private <T> Optional<T> attempt(String key, Supplier<T> build) {
        try {
            return Optional.of(build.get());
        } catch (IllegalArgumentException refused) {
            problems.add(new Problem(key, refused.getMessage()));
            return Optional.empty();
        }
    }
}
