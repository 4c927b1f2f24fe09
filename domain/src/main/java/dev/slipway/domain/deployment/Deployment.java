package dev.slipway.domain.deployment;

import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One attempt to bring one release to one environment, with its journal of steps. Immutable: every transition
 * answers a new deployment and refuses, naming the current status, when the state machine does not allow it.
 * <pre>
 * PLANNED -> AWAITING_APPROVAL -> RUNNING -> SUCCEEDED | FAILED | ROLLING_BACK -> ROLLED_BACK | ROLLBACK_FAILED
 * PLANNED | AWAITING_APPROVAL -> CANCELLED;  PLANNED | RUNNING | ROLLING_BACK -> INTERRUPTED
 * </pre>
 * {@code previous} is the release the environment ran before (empty on a first deployment); {@code restored} is
 * the release a failed deployment went back to; {@code owner} names the process that works on it while in flight.
 */
public record Deployment(
        DeploymentId id,
        Kind kind,
        String service,
        String environment,
        Release release,
        Optional<Release> previous,
        Status status,
        Actor requestedBy,
        String name,
        String summary,
        ReleaseNotes notes,
        List<Step> steps,
        Optional<Approval> approval,
        Optional<Release> restored,
        Optional<String> failure,
        Optional<String> owner,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> finishedAt,
        long revision) {

    public Deployment {
        if (revision < 0) throw new IllegalArgumentException("a deployment's revision is never negative");
        if (id == null || kind == null || service == null || environment == null || release == null || status == null
                || requestedBy == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("a deployment needs its id, kind, service, environment, release, status, requester and times");
        }
        if (!release.service().equals(service)) throw new IllegalArgumentException("release %s is not of service %s".formatted(release.tag(), service));
        previous = previous == null ? Optional.empty() : previous;
        notes = notes == null ? ReleaseNotes.EMPTY : notes;
        name = name == null || name.isBlank() ? notes.defaultName() : name.strip();
        summary = summary == null ? "" : summary.strip();
        steps = steps == null ? List.of() : List.copyOf(steps);
        approval = approval == null ? Optional.empty() : approval;
        restored = restored == null ? Optional.empty() : restored;
        failure = failure == null ? Optional.empty() : failure;
        owner = owner == null ? Optional.empty() : owner;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    }

    /** A deployment never saved: revision 0. */
    public Deployment(DeploymentId id, Kind kind, String service, String environment, Release release, Optional<Release> previous, Status status,
                      Actor requestedBy, String name, String summary, ReleaseNotes notes, List<Step> steps, Optional<Approval> approval,
                      Optional<Release> restored, Optional<String> failure, Optional<String> owner, Instant createdAt, Instant updatedAt,
                      Optional<Instant> finishedAt) {
        this(id, kind, service, environment, release, previous, status, requestedBy, name, summary, notes, steps, approval, restored, failure,
                owner, createdAt, updatedAt, finishedAt, 0);
    }

    /**
     * The same deployment as stored at {@code stored}: the registry's compare-and-set answers the saved deployment with
     * its new revision, and refuses a save whose revision is not the stored one.
     */
    public Deployment atRevision(long stored) {
        return new Deployment(id, kind, service, environment, release, previous, status, requestedBy, name, summary, notes, steps,
                approval, restored, failure, owner, createdAt, updatedAt, finishedAt, stored);
    }

    /** A new deployment, PLANNED, with no steps yet. */
    public static Deployment plan(DeploymentId id, Kind kind, Release release, String environment, Optional<Release> previous,
                                  Actor requestedBy, String name, String summary, ReleaseNotes notes, Instant at) {
        return new Deployment(id, kind, release.service(), environment, release, previous, Status.PLANNED, requestedBy,
                name, summary, notes == null ? ReleaseNotes.EMPTY : notes, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), at, at, Optional.empty(), 0);
    }

    // ---- transitions of the state machine ----

    public Deployment awaitApproval(Instant at, Instant expiresAt) {
        require(status == Status.PLANNED, "only a planned one can wait for approval");
        return new Deployment(id, kind, service, environment, release, previous, Status.AWAITING_APPROVAL, requestedBy, name, summary, notes, steps,
                Optional.of(Approval.requested(at, expiresAt)), restored, failure, owner, createdAt, at, finishedAt, revision);
    }

    /** Records the go-ahead; the deployment stays AWAITING_APPROVAL until it is started. */
    public Deployment approve(Actor by, String comment, Instant at) {
        Approval pending = pendingApproval(at);
        return withApproval(pending.decided(Approval.Decision.APPROVED, Optional.of(by), at, comment), status, Optional.empty(), Optional.empty(), at);
    }

    public Deployment reject(Actor by, String reason, Instant at) {
        Approval pending = pendingApproval(at);
        String why = "rejected by %s%s".formatted(by.id(), reason == null || reason.isBlank() ? "" : ": " + reason);
        return withApproval(pending.decided(Approval.Decision.REJECTED, Optional.of(by), at, reason), Status.CANCELLED, Optional.of(why), Optional.of(at), at);
    }

    public Deployment expireApproval(Instant at) {
        require(status == Status.AWAITING_APPROVAL, "only one awaiting approval can expire");
        Approval current = approval.orElseThrow();
        require(current.isExpiredAt(at), "its approval request is still open until " + current.expiresAt());
        return withApproval(current.decided(Approval.Decision.EXPIRED, Optional.empty(), at, "not decided in time"), Status.CANCELLED,
                Optional.of("approval request expired at " + current.expiresAt()), Optional.of(at), at);
    }

    public Deployment cancel(String reason, Instant at) {
        require(status == Status.PLANNED || status == Status.AWAITING_APPROVAL, "only a planned or waiting one can be cancelled");
        return with(Status.CANCELLED, Optional.of(reason), restored, Optional.of(at), at);
    }

    /** Starts work on the deployment in the process {@code owner}; one awaiting approval must have been approved. */
    public Deployment start(String owner, Instant at) {
        boolean approved = approval.map(a -> a.decision() == Approval.Decision.APPROVED).orElse(false);
        require(status == Status.PLANNED || status == Status.AWAITING_APPROVAL && approved,
                status == Status.AWAITING_APPROVAL ? "it has not been approved yet" : "only a planned or approved one can start");
        return new Deployment(id, kind, service, environment, release, previous, Status.RUNNING, requestedBy, name, summary, notes, steps,
                approval, restored, failure, Optional.of(owner), createdAt, at, finishedAt, revision);
    }

    public Deployment succeed(Instant at) {
        require(status == Status.RUNNING, "only a running one can succeed");
        return with(Status.SUCCEEDED, Optional.empty(), restored, Optional.of(at), at);
    }

    public Deployment fail(String reason, Instant at) {
        require(status == Status.RUNNING, "only a running one can fail");
        return with(Status.FAILED, Optional.of(reason), restored, Optional.of(at), at);
    }

    public Deployment startRollback(String reason, Release to, Instant at) {
        require(status == Status.RUNNING, "only a running one can start rolling back");
        return with(Status.ROLLING_BACK, Optional.of(reason), Optional.of(to), Optional.empty(), at);
    }

    public Deployment rolledBack(Instant at) {
        require(status == Status.ROLLING_BACK, "only one rolling back can finish rolling back");
        return with(Status.ROLLED_BACK, failure, restored, Optional.of(at), at);
    }

    public Deployment rollbackFailed(String reason, Instant at) {
        require(status == Status.ROLLING_BACK, "only one rolling back can fail to roll back");
        String why = failure.map(f -> f + "; rollback failed: " + reason).orElse("rollback failed: " + reason);
        return with(Status.ROLLBACK_FAILED, Optional.of(why), restored, Optional.of(at), at);
    }

    /** Marks a deployment whose process died: its steps that were running are closed as failed. */
    public Deployment interrupt(String reason, Instant at) {
        require(status == Status.PLANNED || status == Status.RUNNING || status == Status.ROLLING_BACK, "only one in flight can be interrupted");
        List<Step> closed = steps.stream()
                .map(s -> s.status() == StepStatus.RUNNING ? s.finished(StepStatus.FAILED, "interrupted: " + reason, at) : s)
                .toList();
        return new Deployment(id, kind, service, environment, release, previous, Status.INTERRUPTED, requestedBy, name, summary, notes, closed,
                approval, restored, Optional.of(reason), owner, createdAt, at, Optional.of(at), revision);
    }

    // ---- the journal ----

    public Deployment stepStarted(String step, Instant at) {
        require(status == Status.RUNNING || status == Status.ROLLING_BACK, "steps run only while it runs or rolls back");
        List<Step> next = new ArrayList<>(steps);
        next.add(Step.started(step, at));
        return withSteps(next, at);
    }

    public Deployment stepFinished(String step, StepStatus outcome, String detail, Instant at) {
        return replaceRunning(step, s -> s.finished(outcome, detail, at), at);
    }

    public Deployment stepProgressed(String step, String detail, Instant at) {
        return replaceRunning(step, s -> s.progressed(detail), at);
    }

    public Deployment stepRemembered(String step, String key, String value, Instant at) {
        return replaceRunning(step, s -> s.remembering(key, value), at);
    }

    /** The newest journal entry of a step, if it ran. */
    public Optional<Step> step(String step) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).name().equals(step)) return Optional.of(steps.get(i));
        }
        return Optional.empty();
    }

    public Deployment withRelease(Release updated) {
        require(updated.tag().equals(release.tag()), "its release cannot change to another tag");
        return new Deployment(id, kind, service, environment, updated, previous, status, requestedBy, name, summary, notes, steps,
                approval, restored, failure, owner, createdAt, updatedAt, finishedAt, revision);
    }

    // ---- questions ----

    /** The release the environment runs after this deployment, when it settled on one. */
    public Optional<Release> resultingRelease() {
        return switch (status) {
            case SUCCEEDED -> Optional.of(release);
            case ROLLED_BACK -> restored;
            default -> Optional.empty();
        };
    }

    public boolean isActive() {
        return status.isActive();
    }

    /**
     * How long it took, once finished: from when it could start running (its approval, for one that waited for it, else
     * its creation) to its end. The wait for approval is {@link #approvalWait()}, apart.
     */
    public Optional<Duration> duration() {
        Instant from = approval.filter(a -> a.decision() == Approval.Decision.APPROVED).flatMap(Approval::decidedAt)
                .filter(at -> !at.isBefore(createdAt)).orElse(createdAt);
        return finishedAt.map(end -> Duration.between(from, end.isBefore(from) ? from : end));
    }

    /** How long it waited for an approval decision, once decided; empty when it needed none or nobody decided yet. */
    public Optional<Duration> approvalWait() {
        return approval.flatMap(a -> a.decidedAt().map(at -> Duration.between(a.requestedAt(), at))).filter(d -> !d.isNegative());
    }

    // ---- internals ----

    private Approval pendingApproval(Instant at) {
        require(status == Status.AWAITING_APPROVAL, "only one awaiting approval can be decided");
        Approval current = approval.orElseThrow();
        require(current.decision() == Approval.Decision.PENDING, "it was already " + current.decision().name().toLowerCase(java.util.Locale.ROOT));
        require(!current.isExpiredAt(at), "its approval request expired at " + current.expiresAt());
        return current;
    }

    private Deployment replaceRunning(String step, java.util.function.UnaryOperator<Step> change, Instant at) {
        List<Step> next = new ArrayList<>(steps);
        for (int i = next.size() - 1; i >= 0; i--) {
            if (next.get(i).name().equals(step) && next.get(i).status() == StepStatus.RUNNING) {
                next.set(i, change.apply(next.get(i)));
                return withSteps(next, at);
            }
        }
        throw new IllegalStateException("deployment %s has no running step %s".formatted(id, step));
    }

    private Deployment withSteps(List<Step> next, Instant at) {
        return new Deployment(id, kind, service, environment, release, previous, status, requestedBy, name, summary, notes, next,
                approval, restored, failure, owner, createdAt, at, finishedAt, revision);
    }

    private Deployment withApproval(Approval decided, Status next, Optional<String> why, Optional<Instant> finished, Instant at) {
        return new Deployment(id, kind, service, environment, release, previous, next, requestedBy, name, summary, notes, steps,
                Optional.of(decided), restored, why.or(() -> failure), owner, createdAt, at, finished, revision);
    }

    private Deployment with(Status next, Optional<String> why, Optional<Release> restoredRelease, Optional<Instant> finished, Instant at) {
        return new Deployment(id, kind, service, environment, release, previous, next, requestedBy, name, summary, notes, steps,
                approval, restoredRelease, why, owner, createdAt, at, finished, revision);
    }

    private void require(boolean allowed, String rule) {
        if (!allowed) throw new IllegalStateException("deployment %s is %s: %s".formatted(id, status, rule));
    }
}
