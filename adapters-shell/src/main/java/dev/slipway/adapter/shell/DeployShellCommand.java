package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.PlanDeployment;
import dev.slipway.application.port.in.Promote;
import dev.slipway.application.port.in.Promote.PromoteCommand;
import org.springframework.shell.core.command.CommandContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code deploy} and {@code plan}: a new release (or a given version) to an environment, or only what that would do. */
final class DeployShellCommand extends SlipwayCommand {

    static final Parameter SERVICE = Parameter.option("service", "S", Kind.SERVICE, "the service, when several are configured");
    static final Parameter LOCK_WAIT = Parameter.option("lock-wait", "D", Kind.DURATION,
            "how long to wait for a held lock, such as 30s or 10m").withFallback("0: refuse at once");
    static final Parameter TIMEOUT = Parameter.option("timeout", "D", Kind.DURATION, "the longest the whole deployment may take, such as 15m");
    static final Parameter YES = Parameter.flag("yes", "confirm a deployment to an environment that asks for confirmation (needed headless)");

    private static final List<Parameter> RELEASE = List.of(
            Parameter.argument("ENV", Kind.ENVIRONMENT, "the environment to deploy to"),
            Parameter.option("version", "V", Kind.VERSION, "deploy this version (0.1.30 or its tag 0.1.30-dev), new or existing"),
            Parameter.option("bump", "patch|minor|major", Kind.BUMP, "which part of the latest version to increase").withFallback("patch"),
            SERVICE,
            Parameter.flag("allow-dirty", "deploy the commit although tracked files have uncommitted changes (they are not in it)"),
            Parameter.flag("allow-older", "deploy a commit older than (or unrelated to) the running release's"),
            Parameter.flag("redeploy", "when the branch head already runs, deploy the running tag again instead of refusing (nothing-new)"));

    private final Deploy deploy;
    private final PlanDeployment planner;
    private final boolean planOnly;
    /** Plans the promotion when an environment with promoted-from is planned without a version; null in tests that need none. */
    private Promote promote;

    private DeployShellCommand(CommandSpec spec, ShellSession session, Choices choices, Deploy deploy, PlanDeployment planner, boolean planOnly) {
        super(spec, session, choices);
        this.deploy = deploy;
        this.planner = planner;
        this.planOnly = planOnly;
    }

    static DeployShellCommand deploy(ShellSession session, Choices choices, Deploy deploy, PlanDeployment planner) {
        List<Parameter> parameters = new ArrayList<>(RELEASE);
        parameters.addAll(List.of(
                Parameter.option("name", "N", Kind.TEXT, "a name for the deployment").withFallback("the newest commit's subject"),
                Parameter.option("summary", "S", Kind.TEXT, "a longer description, kept in the history"),
                Parameter.flag("plan", "print the plan (as `slipway plan` does) and deploy nothing"),
                LOCK_WAIT, TIMEOUT, YES));
        CommandSpec spec = new CommandSpec("deploy", "Deploy a service's branch head, or a given version, to an environment.", parameters,
                List.of("The tag is the environment's pattern applied to the next version: 0.1.29-dev becomes 0.1.30-dev.",
                        "It deploys the environment's branch as on origin: a local branch ahead of origin is pushed first (fast-forward",
                        "only); one behind or diverged is refused (branch-not-published), as are uncommitted changes to tracked files",
                        "(uncommitted-changes), a commit older than the running one (older-than-running) and the running commit (nothing-new).",
                        "The lock comes first: with --lock-wait, the commit and version are the branch head and the next version when it runs.",
                        "Progress goes to stderr one line per step; the result goes to stdout.",
                        "An environment that requires approval answers awaiting_approval (exit 3) with the id to approve.",
                        "An environment that asks for confirmation needs --yes when headless; the shell asks instead."),
                List.of("deploy dev", "deploy dev --bump minor --summary \"new login page\"", "deploy dev --redeploy", "deploy prod --version 0.1.30 --yes --lock-wait 5m",
                        "deploy dev --service hello --output json | jq -r .deployment.tag", "deploy dev --plan"),
                concat(JsonDocument.COMMON, JsonDocument.DEPLOYMENT, List.of("with --plan: the plan document, as for `slipway plan --help`")));
        return new DeployShellCommand(spec, session, choices, deploy, planner, false);
    }

    static DeployShellCommand plan(ShellSession session, Choices choices, Deploy deploy, PlanDeployment planner) {
        CommandSpec spec = new CommandSpec("plan", "Show what a deploy would do, without doing it: tag, commits, branch rule, lock, approval.",
                RELEASE,
                List.of("Exits 0 when a deploy with the same words would start now and 3 when it would be refused (branch or lock),",
                        "so CI can run it as a pre-flight check. It changes nothing and takes no lock.",
                        "For an environment with promoted-from (and no --version or --bump) it shows the promotion that would happen,",
                        "as `slipway promote FROM ENV --plan` does."),
                List.of("plan dev", "plan prod --version 0.1.30", "plan dev --bump minor --output json"),
                concat(JsonDocument.COMMON, JsonDocument.PLAN));
        return new DeployShellCommand(spec, session, choices, deploy, planner, true);
    }

    @Override
    Result run(Invocation invocation, CommandContext context) {
        if (invocation.find("version").isPresent() && invocation.find("bump").isPresent()) {
            throw new UsageError("give --version or --bump, not both");
        }
        DeployCommand command = new DeployCommand(invocation.find("service"), invocation.get("ENV"), invocation.find("version"),
                invocation.bump(), invocation.find("name"), invocation.find("summary"),
                invocation.duration("lock-wait").orElse(Duration.ZERO), invocation.duration("timeout"), session.actor())
                .allowDirty(invocation.flag("allow-dirty")).allowOlder(invocation.flag("allow-older")).redeploy(invocation.flag("redeploy"));
        if (planOnly || invocation.flag("plan")) {
            Optional<String> from = choices.environment(command.service(), command.environment()).promotedFrom();
            if (promote != null && from.isPresent() && invocation.find("version").isEmpty() && invocation.find("bump").isEmpty()) {
                return reports().plan(promote.plan(new PromoteCommand(command.service(), from.get(), command.environment(), command.lockWait(),
                        command.timeout(), session.actor())));
            }
            return reports().plan(planner.plan(command));
        }
        Optional<Result> refusal = confirmed(invocation, context, command.service(), command.environment(), "deploy");
        return refusal.orElseGet(() -> reports().deployment(deploy.deploy(command)));
    }

    /** Lets plans of promoted environments show the promotion. */
    DeployShellCommand promotingWith(Promote promotion) {
        this.promote = promotion;
        return this;
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) all.addAll(part);
        return all;
    }
}
