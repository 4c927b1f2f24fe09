package dev.slipway.application.service;

import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.DeploymentOutcome.Failed;
import dev.slipway.application.port.in.DeploymentOutcome.NotDeployed;
import dev.slipway.application.port.in.DeploymentOutcome.RolledBack;
import dev.slipway.application.port.in.DeploymentOutcome.Succeeded;
import dev.slipway.application.port.in.DeploymentOutcome.TimedOut;
import dev.slipway.application.port.out.Clock;
import dev.slipway.application.port.out.DeploymentChanged;
import dev.slipway.application.port.out.DeploymentLocks;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.application.port.out.DeploymentTarget;
import dev.slipway.application.port.out.DeploymentTarget.Rollout;
import dev.slipway.application.port.out.HealthProbe;
import dev.slipway.application.port.out.HealthProbe.Health;
import dev.slipway.application.port.out.Notifier;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.application.port.out.StepContext;
import dev.slipway.application.port.out.VersionControl;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.deployment.DeploymentEvent;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.StepStatus;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.rollback.FailureKind;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.input.Durations;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The step engine: takes the lock, runs a deployment step by step (tag, artifact, roll-out, verify, bake, record), journals
 * each step before and after it runs, reports progress, applies the environment's rollback policy when roll-out,
 * verification or the bake fails, and lets go of the lock whatever happens.
 */
public final class DeploymentRunner {

    static final Duration LOCK_POLL = Duration.ofSeconds(1);
    private static final int RESTORE_CANDIDATES = 20;
    private static final int REMOVED_SHOWN = 5;

    private final DeploymentRegistry registry;
    private final DeploymentLocks locks;
    private final Notifier notifier;
    private final Clock clock;
    private final HealthProbe probe;
    private final VersionControl git;
    private final Targets targets;
    private final RunnerSettings settings;
    private final Gates gates;

    public DeploymentRunner(DeploymentRegistry registry, DeploymentLocks locks, Notifier notifier, Clock clock, HealthProbe probe,
                            VersionControl git, Targets targets, RunnerSettings settings) {
        this(registry, locks, notifier, clock, probe, git, targets, settings, Gates.NONE);
    }

    /** With {@code gates}, the environments' gates are read between waves, after verification and during the bake. */
    public DeploymentRunner(DeploymentRegistry registry, DeploymentLocks locks, Notifier notifier, Clock clock, HealthProbe probe,
                            VersionControl git, Targets targets, RunnerSettings settings, Gates gates) {
        this.gates = gates;
        this.registry = registry;
        this.locks = locks;
        this.notifier = notifier;
        this.clock = clock;
        this.probe = probe;
        this.git = git;
        this.targets = targets;
        this.settings = settings;
    }

    /**
     * What one run needs besides the deployment: whether to create its tag, planning steps to journal, waits, and the
     * local branch to push before tagging ({@code publish}, empty when the remote has the commit already).
     */
    record Run(Service service, Environment environment, boolean createTag, List<String[]> planningSteps, Duration lockWait, Optional<Duration> timeout,
               Optional<String> publish) {
        Run {
            publish = publish == null ? Optional.empty() : publish;
        }

        Run(Service service, Environment environment, boolean createTag, List<String[]> planningSteps, Duration lockWait, Optional<Duration> timeout) {
            this(service, environment, createTag, planningSteps, lockWait, timeout, Optional.empty());
        }
    }

    /** Takes the lock for the deployment's environment, waiting up to {@code lockWait}; refusal or time-out as an outcome. */
    sealed interface LockResult {
        record Held(Lock lock) implements LockResult {}
        record NotHeld(DeploymentOutcome outcome) implements LockResult {}
    }

    /** The locks taken by {@link #lock} and renewed since, until {@link #runLocked} or {@link #unlock} takes them over. */
    private final java.util.concurrent.ConcurrentHashMap<LockKey, Heartbeat> heartbeats = new java.util.concurrent.ConcurrentHashMap<>();

    LockResult lock(Deployment deployment, Duration lockWait) {
        return lock(new LockKey(deployment.service(), deployment.environment()), deployment.id(), deployment.requestedBy(),
                "%s %s".formatted(deployment.kind().name().toLowerCase(java.util.Locale.ROOT), deployment.release().tag()), lockWait);
    }

    /**
     * Takes the lock of {@code key} for the deployment {@code id} (which need not exist yet: a deploy takes the lock
     * before it decides its commit and version), waiting up to {@code lockWait} and saying once that it waits.
     */
    LockResult lock(LockKey key, DeploymentId id, Actor actor, String reason, Duration lockWait) {
        Instant startedAt = clock.now();
        Instant giveUpAt = startedAt.plus(lockWait);
        boolean said = false;
        Instant lastSaid = startedAt;
        Duration every = progressInterval(lockWait);
        while (true) {
            Acquisition attempt = locks.acquire(key, settings.owner(), actor.id(), reason, Optional.of(settings.lease()), Optional.of(id.value()));
            switch (attempt) {
                // An expired lease taken over here belonged to a dead process; AbandonedDeployments marks its deployment.
                case Acquisition.Acquired acquired -> {
                    // Renewed from this moment: deciding what to deploy (a fetch, the tags) may outlast the lease on a busy machine.
                    Heartbeat previous = heartbeats.put(key, startHeartbeat(key));
                    if (previous != null) previous.stop();
                    return new LockResult.Held(acquired.lock());
                }
                case Acquisition.HeldByOther held -> {
                    if (!clock.now().isBefore(giveUpAt)) {
                        return new LockResult.NotHeld(lockWait.isZero()
                                ? Outcomes.lockHeld(held.lock(), key.environment(), registry)
                                : new TimedOut("lock", "waited %s; %s".formatted(dev.slipway.domain.input.Durations.format(lockWait), held.lock().describe())));
                    }
                    Instant now = clock.now();
                    if (!said) {
                        said = true;
                        lastSaid = now;
                        notifier.waiting(key.service(), key.environment(), "waiting up to %s for the lock of %s/%s (%s); once it holds it, it deploys %s"
                                .formatted(dev.slipway.domain.input.Durations.format(lockWait), key.service(), key.environment(), held.lock().describe(), reason.startsWith("deploy ")
                                        ? "the branch head and the next version at the time it runs" : reason));
                    } else if (!now.isBefore(lastSaid.plus(every))) {
                        lastSaid = now;
                        Lock holder = held.lock();
                        String what = holder.reason().isBlank() ? holder.deployment().map(d -> "deployment " + d).orElse("a manual lock") : holder.reason();
                        notifier.waiting(key.service(), key.environment(), "waiting for the lock held by %s (%s), %s of %s".formatted(holder.actor(), what,
                                dev.slipway.domain.input.Durations.format(Duration.ofSeconds(Duration.between(startedAt, now).toSeconds())),
                                dev.slipway.domain.input.Durations.format(lockWait)));
                    }
                    try {
                        clock.sleep(LOCK_POLL);
                    } catch (InterruptedException e) {
                        // The outcome answers the interruption (the shell's Ctrl-C stops a wait this way). The flag is not set
                        // again: the caller still writes its audit, and an interrupted thread would make the registry's file I/O
                        // fail (H2 closes a file channel that an interrupt reaches).
                        return new LockResult.NotHeld(new TimedOut("lock", "stopped while waiting; " + held.lock().describe()));
                    }
                }
            }
        }
    }

    /** How often a wait for the lock says how long it has waited: a fifth of the wait, between 1s and 10s. */
    static Duration progressInterval(Duration lockWait) {
        Duration fifth = lockWait.dividedBy(5);
        if (fifth.compareTo(Duration.ofSeconds(1)) < 0) return Duration.ofSeconds(1);
        return fifth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : fifth;
    }

    /** Lets go of a lock taken with {@link #lock} when the deployment will not run after all. */
    void unlock(LockKey key) {
        Heartbeat heartbeat = heartbeats.remove(key);
        if (heartbeat != null) heartbeat.stop();
        locks.release(key, settings.owner());
    }

    /**
     * Runs the deployment (PLANNED, or approved) to its end; the caller must hold its lock through {@link #lock}. Every
     * write on behalf of the deployment first checks that the lock still carries the fencing token it was granted: a
     * process paused past its lease (a long GC pause, a suspended VM, SIGSTOP) that finds the lock taken over writes
     * nothing more and answers {@link Failed} saying so.
     */
    DeploymentOutcome runLocked(Deployment planned, Run run) {
        LockKey key = new LockKey(planned.service(), planned.environment());
        Heartbeat taken = heartbeats.remove(key);
        Heartbeat heartbeat = taken != null ? taken : startHeartbeat(key);
        Optional<Lock> held;
        try {
            held = locks.current(key);
        } catch (RuntimeException e) {
            heartbeat.stop();
            throw e;
        }
        Optional<Long> token = held.filter(l -> l.holder().equals(settings.owner()) && l.deployment().filter(planned.id().value()::equals).isPresent())
                .map(Lock::fencingToken);
        if (token.isEmpty()) {
            // Nothing was written or started yet: the process stalled past its lease while it decided what to deploy and
            // someone else holds the lock now, which is a refusal like any other, naming who.
            heartbeat.stop();
            return held.<DeploymentOutcome>map(other -> new dev.slipway.application.port.in.Refused("lock", "%s; it took the lock over while this process decided what to deploy, so nothing was changed"
                            .formatted(Outcomes.lockHeld(other, key.environment(), registry).reason()), "wait for it to finish, or retry with --lock-wait 10m"))
                    .orElseGet(() -> new dev.slipway.application.port.in.Refused("lock", "the lock on %s ran out while this process decided what to deploy, so nothing was changed".formatted(key),
                            "retry; on a machine this busy, raise slipway.locks.lease"));
        }
        Lease lease = new Lease(key, token.get());
        AtomicBoolean lockLost = heartbeat.lost();
        Execution x = new Execution(planned.start(settings.owner(), clock.now()), run, lockLost, lease);
        boolean lost = false;
        try {
            x.save();
            notifier.publish(new DeploymentEvent.DeploymentStarted(x.d));
            for (String[] step : run.planningSteps()) {
                x.d = x.d.stepStarted(step[0], clock.now()).stepFinished(step[0], StepStatus.SUCCEEDED, step[1], clock.now());
            }
            x.save();
            return x.execute();
        } catch (LeaseLost e) {
            lost = true;
            return x.lost(e);
        } catch (RuntimeException e) {
            return x.crashed(e);
        } finally {
            heartbeat.stop();
            // A lock taken over belongs to someone else now; a release by holder name would be harmless, but is not ours to try.
            if (!lost) locks.release(key, settings.owner());
            notifier.publish(new DeploymentEvent.DeploymentFinished(x.d));
        }
    }

    /** The lock a run holds: its key and the fencing token it was granted. */
    private record Lease(LockKey key, long token) {}

    /** The process no longer holds the deployment's lock, or another process changed the deployment: it must write nothing more. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String message) {
            super(message, null, false, false);
        }
    }

    /** Takes the lock and runs; a held lock answers Refused (or TimedOut after waiting). */
    DeploymentOutcome run(Deployment planned, Run run) {
        return switch (lock(planned, run.lockWait())) {
            case LockResult.Held held -> runLocked(planned, run);
            case LockResult.NotHeld notHeld -> notHeld.outcome();
        };
    }

    /** Renews a held lock every third of the lease until stopped; {@code lost} turns true once a renewal is refused. */
    private record Heartbeat(ScheduledExecutorService executor, AtomicBoolean lost) {
        void stop() {
            executor.shutdownNow();
        }
    }

    private Heartbeat startHeartbeat(LockKey key) {
        AtomicBoolean lockLost = new AtomicBoolean(false);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipway-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, settings.lease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                if (!locks.renew(key, settings.owner(), settings.lease())) lockLost.set(true);
            } catch (RuntimeException e) {
                // A registry hiccup is not a lost lock; the next renewal tries again well before the lease ends.
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new Heartbeat(heartbeat, lockLost);
    }

    /** One deployment being worked on: the current state of the aggregate and the steps that move it. */
    private final class Execution {
        private Deployment d;
        private final Run run;
        private final AtomicBoolean lockLost;
        private final Lease lease;
        private final DeploymentTarget target;
        private Instant deadline;

        Execution(Deployment started, Run run, AtomicBoolean lockLost, Lease lease) {
            this.d = started;
            this.run = run;
            this.lockLost = lockLost;
            this.lease = lease;
            this.target = targets.of(run.environment());
            this.deadline = clock.now().plus(run.timeout().orElse(settings.defaultTimeout()));
        }

        /**
         * Saves the deployment as a compare-and-set, after checking that the lease is still ours. A registry that does not
         * answer is asked again, with growing pauses, until the deployment's deadline; a lease taken over, or a deployment
         * changed by someone else (the sweep marked it interrupted), ends the run without writing anything.
         */
        void save() {
            untilTheRegistryAnswers(() -> {
                if (!stillHolds()) throw leaseLost();
                try {
                    d = registry.save(d);
                } catch (DeploymentChanged e) {
                    if (!landedBefore()) throw new LeaseLost("another process changed deployment %s while this one worked on it".formatted(d.id()));
                }
                return d;
            });
        }

        /**
         * Runs {@code work} against the registry; a registry that does not answer (a retryable failure) is asked again,
         * with pauses growing from 100 ms to 2 s, until the deployment's deadline, and the live message says so.
         */
        private <T> T untilTheRegistryAnswers(java.util.function.Supplier<T> work) {
            Duration pause = Duration.ofMillis(100);
            while (true) {
                try {
                    return work.get();
                } catch (OutsideSystemFailure e) {
                    if (!e.retryable() || !clock.now().plus(pause).isBefore(deadline)) throw e;
                    notifier.publish(new DeploymentEvent.StepProgressed(d, currentStep(), "the registry does not answer (%s); trying again".formatted(e.getMessage()), -1));
                    try {
                        clock.sleep(pause);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : pause.multipliedBy(2);
                }
            }
        }

        /**
         * Whether the write that was just refused had in fact been stored by the attempt before it, whose answer was lost
         * with its connection: the stored deployment is one revision further with our status, and the lease is still
         * ours, so nobody else can have written it. The run then goes on from the stored revision.
         */
        private boolean landedBefore() {
            Optional<Deployment> stored = registry.find(d.id());
            if (stored.isEmpty() || stored.get().revision() != d.revision() + 1 || stored.get().status() != d.status()
                    || stored.get().steps().size() != d.steps().size() || !stillHolds()) {
                return false;
            }
            d = d.atRevision(stored.get().revision());
            return true;
        }

        /**
         * {@link #stillHolds()}, where a registry that does not answer counts as held: unknown is not lost, and the save
         * that follows every such check waits for the registry within the deadline and checks again before it writes.
         */
        private boolean holdsAsFarAsKnown() {
            try {
                return stillHolds();
            } catch (OutsideSystemFailure e) {
                return true;
            }
        }

        /** Whether the lock still carries this run's fencing token and its lease has not run out. */
        boolean stillHolds() {
            if (lockLost.get()) return false;
            Optional<Lock> lock = locks.current(lease.key()).filter(l -> l.fencingToken() == lease.token());
            // A lease that ran out while nobody took it over (a renewal late on a busy machine) is still this run's token:
            // it is renewed now, and only a takeover (a new token) or the sweep's decision (a new revision) ends the run.
            boolean holds = lock.isPresent() && (lock.get().isLease(lease.token(), clock.now()) || locks.renew(lease.key(), settings.owner(), settings.lease()));
            if (!holds) lockLost.set(true);
            return holds;
        }

        private LeaseLost leaseLost() {
            return new LeaseLost("this process lost its lock on %s/%s: its lease ran out and another process took over".formatted(d.service(), d.environment()));
        }

        private String currentStep() {
            return d.steps().stream().filter(s -> s.status() == StepStatus.RUNNING).map(dev.slipway.domain.deployment.Step::name).reduce((a, b) -> b).orElse("");
        }

        /** The run stopped because its lease was lost: nothing more is written; the answer shows the deployment as stored. */
        DeploymentOutcome lost(LeaseLost e) {
            Deployment stored = d;
            try {
                stored = registry.find(d.id()).orElse(d);
            } catch (RuntimeException unreadable) {
                // The deployment as this process last saw it is what it can tell.
            }
            d = stored;
            return new Failed(stored, e.getMessage(), "this process wrote nothing more; another process owns %s/%s now: check `slipway status %s`"
                    .formatted(stored.service(), stored.environment(), stored.environment()));
        }

        DeploymentOutcome execute() {
            Release release = d.release();
            if (run.publish().isPresent()) {
                String branch = run.publish().get();
                Optional<String> failed = step("publish", ctx -> {
                    git.pushBranch(run.service().repository(), branch);
                    return "pushed %s to origin at %s, so that every front end deploys the same commit".formatted(branch, release.commit().abbreviated());
                });
                if (failed.isPresent()) return unchanged(failed.get());
            }
            if (run.createTag()) {
                Optional<String> failed = step("tag", ctx -> {
                    String message = d.name() + (d.summary().isBlank() ? "" : "\n\n" + d.summary());
                    git.createTag(run.service().repository(), release.tag(), release.commit(), message, d.requestedBy());
                    if (git.hasRemote(run.service().repository())) {
                        try {
                            git.pushTag(run.service().repository(), release.tag());
                        } catch (RuntimeException e) {
                            // A tag only this repository has would make the next deploy skip its version.
                            try {
                                git.deleteTag(run.service().repository(), release.tag());
                            } catch (RuntimeException ignored) {
                                // The push failure is what the user must hear about.
                            }
                            throw e;
                        }
                        return "tagged %s at %s and pushed it".formatted(release.tag(), release.commit().abbreviated());
                    }
                    return "tagged %s at %s (no remote to push to)".formatted(release.tag(), release.commit().abbreviated());
                });
                if (failed.isPresent()) return unchanged(failed.get());
            }
            Optional<String> failed = step("artifact", ctx -> {
                String artifact = target.prepare(run.service(), run.environment(), d.release(), dir -> git.exportTree(run.service().repository(), d.release().commit(), dir), ctx);
                d = d.withRelease(d.release().withArtifact(artifact));
                return artifact;
            });
            if (failed.isPresent()) return unchanged(failed.get());

            Rollout[] rollout = new Rollout[1];
            failed = step("roll-out", ctx -> {
                rollout[0] = target.rollOut(run.service(), run.environment(), d.release(), d.previous(), ctx);
                if (!rollout[0].succeeded()) throw new StepFailure(rollout[0].detail());
                return rollout[0].detail();
            });
            if (failed.isPresent()) {
                // A target stops what it started when a roll-out fails, so with no earlier release nothing is left to undo.
                boolean untouched = rollout[0] != null && (rollout[0].previousStillServing() || d.previous().isEmpty());
                return untouched ? unchanged(failed.get()) : recover(timedOut() ? FailureKind.TIMEOUT : FailureKind.ROLLOUT, failed.get());
            }

            failed = step("verify", ctx -> verify(d.release(), rollout[0].endpoint(), ctx) + gated(ctx));
            if (failed.isPresent()) return recover(timedOut() ? FailureKind.TIMEOUT : FailureKind.VERIFICATION, failed.get());

            if (bakes()) {
                failed = step("bake", ctx -> bake(d.release(), rollout[0].endpoint(), ctx));
                if (failed.isPresent()) return recover(timedOut() ? FailureKind.TIMEOUT : FailureKind.VERIFICATION, failed.get());
            }

            step("record", ctx -> "%s is now the release of %s/%s%s%s".formatted(d.release().tag(), d.service(), d.environment(),
                    d.kind() == Kind.ROLLBACK ? d.previous().map(from -> "; " + removing(from, d.release())).orElse("") : "", released(d.release(), ctx)));
            d = d.succeed(clock.now());
            save();
            return new Succeeded(d);
        }

        /** Whether this deployment bakes: the environment names a bake, and it is not a rollback (which restores a release known good). */
        private boolean bakes() {
            return d.kind() != Kind.ROLLBACK && !run.environment().bake().isZero();
        }

        /** Whether gates hold this deployment: a rollback is never held back by the alarms that may have caused it. */
        private boolean gated() {
            return d.kind() != Kind.ROLLBACK && !run.environment().gates().isEmpty();
        }

        /** Reads the environment's gates after verification; answers words to append to the step's detail, or fails the step. */
        private String gated(StepContext ctx) {
            if (!gated()) return "";
            Optional<String> failure = gates.firstFailure(run.environment().gates(), ctx);
            if (failure.isPresent()) throw new StepFailure(failure.get());
            return "; %d gate%s pass".formatted(run.environment().gates().size(), run.environment().gates().size() == 1 ? "" : "s");
        }

        /**
         * Keeps verifying a release that passed verification for the environment's bake time: every {@link #bakeInterval},
         * a health check (a few attempts), its version and the gates. The deadline makes room for the bake; the lock is
         * renewed by the heartbeat, a lock the heartbeat could not renew ends the bake within {@link #BAKE_SLICE}, and each
         * check first asks the registry whether the lock still carries this run's token. Reports a countdown.
         */
        private String bake(Release release, Optional<URI> endpoint, StepContext ctx) {
            Duration bake = run.environment().bake();
            Instant until = clock.now().plus(bake);
            Instant roomFor = until.plus(run.environment().healthCheck().worstCase()).plus(Duration.ofMinutes(1));
            if (deadline.isBefore(roomFor)) deadline = roomFor;
            Duration every = bakeInterval(bake);
            int checks = 0;
            ctx.report("baking for %s: checking health, version%s every %s".formatted(Durations.format(bake), gated() ? " and gates" : "", Durations.format(every)), 0);
            while (clock.now().isBefore(until)) {
                Instant next = clock.now().plus(every).isAfter(until) ? until : clock.now().plus(every);
                while (clock.now().isBefore(next)) {
                    // The heartbeat flags a lost lock within a third of the lease; asking the registry waits for each check.
                    if (lockLost.get()) throw leaseLost();
                    Duration left = Duration.between(clock.now(), next);
                    try {
                        clock.sleep(left.compareTo(BAKE_SLICE) < 0 ? left : BAKE_SLICE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StepFailure("interrupted %s into a bake of %s".formatted(Durations.format(bake.minus(Duration.between(clock.now(), until))), Durations.format(bake)));
                    }
                }
                if (!holdsAsFarAsKnown()) throw leaseLost();
                checks++;
                Duration elapsed = bake.minus(Duration.between(clock.now(), until).isNegative() ? Duration.ZERO : Duration.between(clock.now(), until));
                String into = "%s into the bake".formatted(Durations.format(seconds(elapsed)));
                try {
                    verify(release, endpoint, StepContext.quiet(deadline), bakeCheck());
                } catch (StepFailure e) {
                    throw new StepFailure("%s: %s".formatted(into, e.getMessage()));
                }
                Optional<String> failure = gated() ? gates.firstFailure(run.environment().gates(), ctx) : Optional.empty();
                if (failure.isPresent()) throw new StepFailure("%s: %s".formatted(into, failure.get()));
                Duration left = Duration.between(clock.now(), until);
                ctx.report(left.isNegative() || left.isZero() ? "baked: healthy%s".formatted(gated() ? ", gates pass" : "")
                        : "baking: %s left; healthy%s".formatted(Durations.format(seconds(left)), gated() ? ", gates pass" : ""),
                        Math.min(1.0, elapsed.toMillis() / (double) Math.max(1, bake.toMillis())));
            }
            return "baked %s: %d check%s, healthy%s throughout".formatted(Durations.format(bake), checks, checks == 1 ? "" : "s",
                    gated() ? " and %d gate%s passing".formatted(run.environment().gates().size(), run.environment().gates().size() == 1 ? "" : "s") : "");
        }

        /** The health check a bake repeats: the environment's, with at most three attempts, so that a release gone bad is noticed soon. */
        private dev.slipway.domain.environment.HealthCheck bakeCheck() {
            var check = run.environment().healthCheck();
            return new dev.slipway.domain.environment.HealthCheck(check.path(), check.timeout(), Math.min(3, check.attempts()), check.interval(), check.versionPath());
        }

        /**
         * Failed without changing the environment: before the roll-out (tag, artifact), or in a roll-out that the target
         * says left the previous release serving. Nothing needs undoing, so no rollback is attempted.
         */
        private DeploymentOutcome unchanged(String reason) {
            d = d.fail(reason, clock.now());
            save();
            return new NotDeployed(d, d.previous().map(Release::tag).orElse(""), reason);
        }

        /** The target changed and then failed: bring back the last good release if the policy says so. */
        private DeploymentOutcome recover(FailureKind kind, String reason) {
            RollbackPolicy policy = run.environment().rollbackPolicy();
            String rollbackCommand = "slipway rollback %s%s".formatted(d.environment(), " --service " + d.service());
            if (!holdsAsFarAsKnown()) throw leaseLost();
            if (!policy.rollsBackOn(kind)) {
                d = d.fail(reason, clock.now());
                save();
                return new Failed(d, reason, "the rollback policy of %s is manual for %s failures: run `%s`".formatted(d.environment(), kind.name().toLowerCase(java.util.Locale.ROOT), rollbackCommand));
            }
            // Recovery gets its own time first: finding the release to return to may wait for the registry too.
            giveRecoveryItsOwnTime();
            Optional<Release> restore = restoreTarget();
            if (restore.isEmpty()) {
                d = d.fail(reason, clock.now());
                save();
                return new Failed(d, reason, "there is no earlier release to return to: fix the release and deploy again");
            }
            Release to = restore.get();
            d = d.startRollback(reason, to, clock.now());
            save();
            Optional<String> rollbackFailed = step("rollback", ctx -> {
                // A roll-out that changed only some instances or services said which; only those are brought back.
                d.step("roll-out").map(s -> s.state().get(DeploymentTarget.CHANGED)).ifPresent(changed -> ctx.remember(DeploymentTarget.CHANGED, changed));
                Release prepared = to.withArtifact(target.prepare(run.service(), run.environment(), to, dir -> git.exportTree(run.service().repository(), to.commit(), dir), ctx));
                Rollout back = target.rollOut(run.service(), run.environment(), prepared, Optional.of(d.release()), ctx);
                if (!back.succeeded()) throw new StepFailure("could not bring back %s: %s".formatted(to.tag(), back.detail()));
                return "%s; %s%s".formatted(removing(d.release(), to), verify(to, back.endpoint(), ctx), released(prepared, ctx));
            });
            if (rollbackFailed.isPresent()) {
                // The aggregate says "rollback failed: " itself; the step's own detail is the reason.
                d = d.rollbackFailed(d.step("rollback").map(s -> s.detail()).orElse(rollbackFailed.get()), clock.now());
                save();
                return new Failed(d, d.failure().orElse(reason), "the environment may run neither release: check `slipway status %s` and run `slipway rollback %s --to %s`"
                        .formatted(d.environment(), d.environment(), to.tag()));
            }
            d = d.rolledBack(clock.now());
            save();
            return new RolledBack(d, to.tag(), reason);
        }

        /**
         * What going from {@code from} back to {@code to} takes out, in words: "rolled back 0.2.4-dev → 0.2.3-dev, removing
         * 2 commits: a1b2c3d Fix login, …" (the commits of {@code from} that {@code to} does not have).
         */
        private String removing(Release from, Release to) {
            String said = "rolled back %s → %s".formatted(from.tag(), to.tag());
            try {
                List<Commit> gone = git.commitsBetween(run.service().repository(), Optional.of(to.commit()), from.commit(), ReleasePlanner.NOTES_LIMIT);
                if (gone.isEmpty()) return said + ", removing no commit";
                StringBuilder list = new StringBuilder();
                for (Commit c : gone.subList(0, Math.min(REMOVED_SHOWN, gone.size()))) {
                    list.append(list.isEmpty() ? "" : ", ").append(c.id().abbreviated()).append(' ').append(abbreviate(c.subject()));
                }
                if (gone.size() > REMOVED_SHOWN) list.append(", and %d more".formatted(gone.size() - REMOVED_SHOWN));
                return "%s, removing %s%d commit%s: %s".formatted(said, gone.size() >= ReleasePlanner.NOTES_LIMIT ? "at least " : "", gone.size(),
                        gone.size() == 1 ? "" : "s", list);
            } catch (OutsideSystemFailure e) {
                return said;
            }
        }

        /** A deployment that ran out of time must still be able to roll back, so recovery gets a deadline of its own. */
        private void giveRecoveryItsOwnTime() {
            deadline = clock.now().plus(settings.defaultTimeout());
        }

        private Optional<Release> restoreTarget() {
            List<Release> candidates = new ArrayList<>();
            d.previous().ifPresent(candidates::add);
            untilTheRegistryAnswers(() -> registry.history(new DeploymentRegistry.HistoryQuery(Optional.of(d.service()), Optional.of(d.environment()),
                    Status.SETTLED, RESTORE_CANDIDATES, Optional.empty())))
                    .forEach(old -> old.resultingRelease().ifPresent(candidates::add));
            return RollbackPolicy.restoreTarget(candidates, d.release(), r -> {
                try {
                    return target.canRestore(run.service(), run.environment(), r);
                } catch (OutsideSystemFailure e) {
                    return false;
                }
            });
        }

        private String verify(Release release, Optional<URI> endpoint, StepContext ctx) {
            return verify(release, endpoint, ctx, run.environment().healthCheck());
        }

        private String verify(Release release, Optional<URI> endpoint, StepContext ctx, dev.slipway.domain.environment.HealthCheck check) {
            // Asking the target may cost a command on every instance (SSM): ask it at most once per verification.
            Optional<DeploymentTarget.Running> told = endpoint.isPresent() ? Optional.empty() : target.running(run.service(), run.environment());
            Optional<URI> where = endpoint.or(() -> told.flatMap(DeploymentTarget.Running::endpoint));
            if (where.isEmpty()) {
                DeploymentTarget.Running running = told.orElseThrow(() -> new StepFailure("the target reports nothing running"));
                if (!running.tag().equals(release.tag())) throw new StepFailure("the target runs %s, not %s".formatted(running.tag(), release.tag()));
                return "the target runs %s (no endpoint to probe)".formatted(release.tag());
            }
            Health health = probe.probe(where.get(), check, ctx);
            if (!health.healthy()) throw new StepFailure("unhealthy: " + health.detail());
            if (health.reportedVersion().isPresent()) {
                String reported = health.reportedVersion().get().strip();
                if (!reported.equals(release.tag()) && !reported.equals(release.version().toString())) {
                    throw new StepFailure("%s answers version '%s', expected %s".formatted(where.get(), abbreviate(reported), release.tag()));
                }
                return "healthy, answers %s (%s)".formatted(reported, health.detail());
            }
            return "healthy (%s)".formatted(health.detail());
        }

        /**
         * Tells the target that {@code release} is now the verified release of the environment, so it moves its pointers;
         * answers what it did, as words to append to the step's detail. A pointer that cannot be moved does not undo a
         * verified release: the failure is said instead.
         */
        private String released(Release release, StepContext ctx) {
            try {
                String moved = target.released(run.service(), run.environment(), release, ctx);
                return moved == null || moved.isBlank() ? "" : "; " + moved;
            } catch (OutsideSystemFailure e) {
                return "; but its pointers could not be moved (%s): deploy again to move them".formatted(e.getMessage());
            }
        }

        /** Runs one journaled step; answers the failure message, or empty when it succeeded. */
        private Optional<String> step(String name, Function<StepContext, String> work) {
            if (timedOut()) return Optional.of("timed out: the deployment had to finish by " + deadline);
            if (!holdsAsFarAsKnown()) throw leaseLost();
            d = d.stepStarted(name, clock.now());
            save();
            notifier.publish(new DeploymentEvent.StepStarted(d, name));
            String detail;
            StepStatus outcome;
            try {
                detail = work.apply(new Context(name));
                outcome = StepStatus.SUCCEEDED;
            } catch (StepFailure e) {
                detail = e.getMessage();
                outcome = StepStatus.FAILED;
            } catch (OutsideSystemFailure | IllegalStateException | IllegalArgumentException e) {
                detail = e.getMessage();
                outcome = StepStatus.FAILED;
            }
            if (outcome == StepStatus.SUCCEEDED && timedOut()) {
                detail = "timed out after: " + detail;
                outcome = StepStatus.FAILED;
            }
            d = d.stepFinished(name, outcome, detail, clock.now());
            save();
            notifier.publish(new DeploymentEvent.StepFinished(d, d.step(name).orElseThrow()));
            return outcome == StepStatus.SUCCEEDED ? Optional.empty() : Optional.of("%s failed: %s".formatted(name, detail));
        }

        private boolean timedOut() {
            return clock.now().isAfter(deadline);
        }

        /** Anything unexpected still leaves a record: the deployment is closed as failed, or interrupted. */
        DeploymentOutcome crashed(RuntimeException e) {
            String reason = "unexpected error: " + e.getMessage();
            try {
                d.steps().stream().filter(s -> s.status() == StepStatus.RUNNING).findFirst()
                        .ifPresent(s -> d = d.stepFinished(s.name(), StepStatus.FAILED, reason, clock.now()));
                d = switch (d.status()) {
                    case RUNNING -> d.fail(reason, clock.now());
                    case ROLLING_BACK -> d.rollbackFailed(reason, clock.now());
                    default -> d;
                };
                save();
            } catch (RuntimeException ignored) {
                // The registry itself may be what failed; the lease will expire and the deployment be marked interrupted.
            }
            throw e;
        }

        /** The StepContext handed to adapters: progress goes to the notifier, remembered values into the journal. */
        private final class Context implements StepContext {
            private final String step;

            Context(String step) {
                this.step = step;
            }

            @Override
            public void report(String message) {
                report(message, -1);
            }

            @Override
            public void report(String message, double fraction) {
                d = d.stepProgressed(step, message, clock.now());
                notifier.publish(new DeploymentEvent.StepProgressed(d, step, message, fraction));
            }

            @Override
            public void remember(String key, String value) {
                d = d.stepRemembered(step, key, value, clock.now());
                save();
            }

            @Override
            public Optional<String> recall(String key) {
                return d.step(step).map(s -> s.state().get(key));
            }

            @Override
            public Instant deadline() {
                return deadline;
            }

            @Override
            public Optional<String> checkGates() {
                // The rollback step brings back a release known good; the alarms that may have caused it must not hold it back.
                if (step.equals("rollback") || !gated()) return Optional.empty();
                return gates.firstFailure(run.environment().gates(), this);
            }

            @Override
            public boolean stillHolds() {
                try {
                    return Execution.this.stillHolds();
                } catch (OutsideSystemFailure e) {
                    // Unknown is not lost: the next save asks again, and waits for the registry within the deadline.
                    return true;
                }
            }
        }
    }

    /** How often a bake checks: a tenth of the bake, from 1s to 30s. */
    static Duration bakeInterval(Duration bake) {
        Duration tenth = bake.dividedBy(10);
        if (tenth.compareTo(Duration.ofSeconds(1)) < 0) return Duration.ofSeconds(1);
        return tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
    }

    /** The longest a bake sleeps before it looks at its lock again. */
    static final Duration BAKE_SLICE = Duration.ofMillis(250);

    private static Duration seconds(Duration duration) {
        return Duration.ofSeconds(duration.toSeconds());
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** A step's own way of saying it failed, with a message for people. */
    static final class StepFailure extends RuntimeException {
        StepFailure(String message) {
            super(message, null, false, false);
        }
    }
}
