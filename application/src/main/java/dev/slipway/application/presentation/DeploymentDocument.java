package dev.slipway.application.presentation;

import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.Release;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON document that describes a deployment, built here once and written by each front end: the CLI's
 * {@code --output json} and the REST API's {@code GET /api/deployments/{id}} answer it field for field. Plain data:
 * strings (times as ISO-8601 UTC), numbers, lists and maps; absent values are null. Its field names are an interface:
 * add fields and raise {@link #SCHEMA_VERSION} when a meaning changes, never rename one.
 * <ul>
 * <li>{@code tag} is the git tag of the release ({@code 0.1.30-dev}, {@code v1.2.0}); {@code version} is the bare
 * semantic version inside it ({@code 0.1.30}); {@code previousTag} and {@code restoredTag} are tags.</li>
 * <li>{@code approval} is an object, or null when the environment asks for none.</li>
 * <li>each step carries {@code state}: what its target journaled (per-instance results, SSM command ids, ECS
 * deployment ids, build ids and their links).</li>
 * </ul>
 */
public record DeploymentDocument(int schemaVersion, String id, String kind, String status, String service, String environment, String tag,
                                 String version, String commit, String artifact, String name, String summary, String requestedBy, String via,
                                 String createdAt, String updatedAt, String finishedAt, Double durationSeconds, String previousTag,
                                 String restoredTag, String failure, ApprovalDocument approval, List<StepDocument> steps, String commitsSince,
                                 List<CommitDocument> commits) {

    public static final int SCHEMA_VERSION = 1;

    /** The field names in order, with their meaning, as help and the README list them. */
    public static final List<String> DESCRIPTION = List.of(
            "deployment   {schemaVersion, id, kind, status, service, environment, tag (the git tag, 0.1.30-dev),",
            "             version (the bare version, 0.1.30), commit, artifact, name, summary, requestedBy, via,",
            "             createdAt, updatedAt, finishedAt, durationSeconds, previousTag, restoredTag, failure,",
            "             approval {decision, requestedAt, expiresAt, decidedBy, decidedAt, comment} or null,",
            "             steps [{name, status, detail, state {what the target journaled: instance results,",
            "             command, deployment and build ids}, startedAt, finishedAt, durationSeconds}],",
            "             commitsSince, commits [{id, shortId, author, date, subject}]}");

    public static DeploymentDocument of(Deployment d) {
        Release release = d.release();
        return new DeploymentDocument(SCHEMA_VERSION, d.id().value(), Words.word(d.kind()), Words.word(d.status()), d.service(), d.environment(),
                release.tag(), release.version().toString(), release.commit().sha(), release.artifact().orElse(null), d.name(), d.summary(),
                d.requestedBy().id(), Words.word(d.requestedBy().via()), text(d.createdAt()), text(d.updatedAt()),
                d.finishedAt().map(DeploymentDocument::text).orElse(null), d.duration().map(DeploymentDocument::seconds).orElse(null),
                d.previous().map(Release::tag).orElse(null), d.restored().map(Release::tag).orElse(null), d.failure().orElse(null),
                d.approval().map(ApprovalDocument::of).orElse(null), d.steps().stream().map(StepDocument::of).toList(),
                d.notes().since().orElse(null), d.notes().commits().stream().map(CommitDocument::of).toList());
    }

    /** One step: {@code state} is sorted by key, empty when the step journaled nothing. */
    public record StepDocument(String name, String status, String detail, Map<String, String> state, String startedAt, String finishedAt,
                               Double durationSeconds) {
        public static StepDocument of(Step step) {
            return new StepDocument(step.name(), Words.word(step.status()), step.detail(), new TreeMap<>(step.state()), text(step.startedAt()),
                    step.finishedAt().map(DeploymentDocument::text).orElse(null), step.elapsed().map(DeploymentDocument::seconds).orElse(null));
        }
    }

    public record CommitDocument(String id, String shortId, String author, String date, String subject) {
        public static CommitDocument of(Commit commit) {
            return new CommitDocument(commit.id().sha(), commit.id().abbreviated(), commit.author(), text(commit.date()), commit.subject());
        }
    }

    /** {@code decision}: pending, approved, rejected or expired, as the domain names it in lower case. */
    public record ApprovalDocument(String decision, String requestedAt, String expiresAt, String decidedBy, String decidedAt, String comment) {
        public static ApprovalDocument of(Approval approval) {
            return new ApprovalDocument(Words.word(approval.decision()), text(approval.requestedAt()), text(approval.expiresAt()),
                    approval.decidedBy().map(actor -> actor.id()).orElse(null), approval.decidedAt().map(DeploymentDocument::text).orElse(null),
                    approval.comment());
        }
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    static Double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
