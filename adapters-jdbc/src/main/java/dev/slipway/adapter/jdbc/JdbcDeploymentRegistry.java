package dev.slipway.adapter.jdbc;

import dev.slipway.application.port.out.DeploymentChanged;
import dev.slipway.application.port.out.DeploymentRegistry;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Approval;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.deployment.Step;
import dev.slipway.domain.deployment.StepStatus;
import dev.slipway.domain.release.Commit;
import dev.slipway.domain.release.CommitId;
import dev.slipway.domain.release.Release;
import dev.slipway.domain.release.ReleaseNotes;
import dev.slipway.domain.version.Version;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import static dev.slipway.adapter.jdbc.Database.instant;
import static dev.slipway.adapter.jdbc.Database.optionalInstant;
import static dev.slipway.adapter.jdbc.Database.optionalText;
import static dev.slipway.adapter.jdbc.Database.setInstant;
import static dev.slipway.adapter.jdbc.Database.setText;

/**
 * The deployment registry in three tables (deployments, their steps, their release-note commits) over plain JDBC.
 * A save rewrites one deployment in one transaction, as a compare-and-set on its revision; a read loads a page of deployments and then the steps and
 * commits of the whole page in one query each, inside one snapshot so that a journal is never seen half-saved.
 */
public final class JdbcDeploymentRegistry implements DeploymentRegistry {

    private static final String COLUMNS = """
            id, kind, service, environment, release_version, release_tag, release_commit, release_artifact,
            previous_service, previous_version, previous_tag, previous_commit, previous_artifact,
            restored_service, restored_version, restored_tag, restored_commit, restored_artifact,
            status, requested_by, requested_via, name, summary, notes_since,
            approval_requested_at, approval_expires_at, approval_decision, approval_decided_by, approval_decided_via,
            approval_decided_at, approval_comment, failure, owner, created_at, updated_at, finished_at, revision""";

    /** Every column but the id, in {@link #COLUMNS} order, so that the update and the insert bind the same way. */
    private static final String UPDATE = """
            UPDATE deployments SET kind = ?, service = ?, environment = ?, release_version = ?, release_tag = ?,
              release_commit = ?, release_artifact = ?, previous_service = ?, previous_version = ?, previous_tag = ?,
              previous_commit = ?, previous_artifact = ?, restored_service = ?, restored_version = ?, restored_tag = ?,
              restored_commit = ?, restored_artifact = ?, status = ?, requested_by = ?, requested_via = ?, name = ?,
              summary = ?, notes_since = ?, approval_requested_at = ?, approval_expires_at = ?, approval_decision = ?,
              approval_decided_by = ?, approval_decided_via = ?, approval_decided_at = ?, approval_comment = ?,
              failure = ?, owner = ?, created_at = ?, updated_at = ?, finished_at = ?, revision = ?
            WHERE id = ? AND revision = ?""";

    private static final String INSERT = "INSERT INTO deployments (" + COLUMNS.replace("id, kind", "kind") + ", id) VALUES ("
            + "?, ".repeat(36) + "?)";

    private static final String INSERT_STEP = """
            INSERT INTO deployment_steps (deployment_id, position, name, status, started_at, finished_at, detail, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_COMMIT = """
            INSERT INTO release_commits (deployment_id, position, sha, author, committed_at, subject)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final Database database;

    public JdbcDeploymentRegistry(DataSource dataSource) {
        this(new Database(dataSource, ""));
    }

    JdbcDeploymentRegistry(Database database) {
        this.database = database;
    }

    @Override
    public Deployment save(Deployment deployment) {
        Deployment saved = deployment.atRevision(deployment.revision() + 1);
        boolean stored = database.transaction("save deployment " + deployment.id(), connection -> {
            if (deployment.revision() == 0) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    bindDeployment(insert, saved);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (Database.isDuplicateKey(e)) return false;
                    throw e;
                }
            } else {
                try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                    int next = bindDeployment(update, saved);
                    update.setLong(next, deployment.revision());
                    if (update.executeUpdate() != 1) return false;
                }
                deleteChildren(connection, "deployment_steps", deployment.id());
                deleteChildren(connection, "release_commits", deployment.id());
            }
            insertSteps(connection, saved);
            insertCommits(connection, saved);
            return true;
        });
        if (!stored) throw new DeploymentChanged(deployment.id(), deployment.revision());
        return saved;
    }

    @Override
    public Optional<Deployment> find(DeploymentId id) {
        List<Deployment> found = read("find deployment " + id, "SELECT " + COLUMNS + " FROM deployments WHERE id = ?",
                statement -> statement.setString(1, id.value()));
        return found.stream().findFirst();
    }

    @Override
    public List<Deployment> history(HistoryQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM deployments WHERE 1 = 1");
        query.service().ifPresent(s -> sql.append(" AND service = ?"));
        query.environment().ifPresent(e -> sql.append(" AND environment = ?"));
        if (!query.statuses().isEmpty()) sql.append(" AND status IN (").append(placeholders(query.statuses().size())).append(')');
        query.before().ifPresent(b -> sql.append(" AND created_at < ?"));
        if (!query.environments().isEmpty()) sql.append(" AND environment IN (").append(placeholders(query.environments().size())).append(')');
        query.since().ifPresent(b -> sql.append(" AND created_at >= ?"));
        query.after().ifPresent(a -> sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))"));
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        return read("list deployment history", sql.toString(), statement -> {
            int i = 1;
            if (query.service().isPresent()) statement.setString(i++, query.service().get());
            if (query.environment().isPresent()) statement.setString(i++, query.environment().get());
            for (Status status : sorted(query.statuses())) statement.setString(i++, status.name());
            if (query.before().isPresent()) setInstant(statement, i++, query.before().get());
            for (String environment : query.environments().stream().sorted().toList()) statement.setString(i++, environment);
            if (query.since().isPresent()) setInstant(statement, i++, query.since().get());
            if (query.after().isPresent()) {
                setInstant(statement, i++, query.after().get().createdAt());
                setInstant(statement, i++, query.after().get().createdAt());
                statement.setString(i++, query.after().get().id().value());
            }
            statement.setInt(i, query.limit());
        });
    }

    @Override
    public Optional<Deployment> latest(String service, String environment, Set<Status> statuses) {
        if (statuses.isEmpty()) return Optional.empty();
        String sql = "SELECT " + COLUMNS + " FROM deployments WHERE service = ? AND environment = ? AND status IN ("
                + placeholders(statuses.size()) + ") ORDER BY COALESCE(finished_at, updated_at) DESC, created_at DESC, id DESC LIMIT 1";
        List<Deployment> found = read("find the latest deployment of " + service + "/" + environment, sql, statement -> {
            statement.setString(1, service);
            statement.setString(2, environment);
            int i = 3;
            for (Status status : sorted(statuses)) statement.setString(i++, status.name());
        });
        return found.stream().findFirst();
    }

    @Override
    public List<Deployment> withStatus(Set<Status> statuses) {
        if (statuses.isEmpty()) return List.of();
        String sql = "SELECT " + COLUMNS + " FROM deployments WHERE status IN (" + placeholders(statuses.size()) + ") ORDER BY created_at, id";
        return read("list deployments by status", sql, statement -> {
            int i = 1;
            for (Status status : sorted(statuses)) statement.setString(i++, status.name());
        });
    }

    @Override
    public List<Finished> finished(Optional<String> service, Instant from, Instant to) {
        String sql = "SELECT id, kind, service, environment, status, release_tag, previous_tag, created_at, finished_at FROM deployments"
                + " WHERE finished_at >= ? AND finished_at < ?" + (service.isPresent() ? " AND service = ?" : "") + " ORDER BY finished_at, id";
        return database.snapshot("read finished deployments", connection -> {
            List<Finished> finished = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                setInstant(statement, 1, from);
                setInstant(statement, 2, to);
                if (service.isPresent()) statement.setString(3, service.get());
                statement.setFetchSize(2000);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        finished.add(new Finished(DeploymentId.of(r.getString(1)), Kind.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                                Status.valueOf(r.getString(5)), r.getString(6), Optional.ofNullable(r.getString(7)), instant(r, "created_at"),
                                instant(r, "finished_at")));
                    }
                }
            }
            return finished;
        });
    }

    /**
     * Each commit's first delivery: the earliest finish, before the window's end, of a succeeded deploy (not a rollback)
     * to the environment listing it, kept when it falls in the window. One pass over the environment's deployments by the
     * (service, environment, finished_at) index, grouped by sha. Parameters: service, environment, to, from.
     */
    static final String DELIVERIES = """
            SELECT c.sha, MIN(c.committed_at) AS authored_at, MIN(d.finished_at) AS delivered_at
            FROM deployments d JOIN release_commits c ON c.deployment_id = d.id
            WHERE d.service = ? AND d.environment = ? AND d.finished_at < ? AND d.status = 'SUCCEEDED' AND d.kind <> 'ROLLBACK'
            GROUP BY c.sha HAVING MIN(d.finished_at) >= ?
            ORDER BY delivered_at, c.sha""";

    @Override
    public List<Delivery> deliveries(String service, String environment, Instant from, Instant to) {
        return database.snapshot("read deliveries to " + service + "/" + environment, connection -> {
            List<Delivery> deliveries = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(DELIVERIES)) {
                statement.setString(1, service);
                statement.setString(2, environment);
                setInstant(statement, 3, to);
                setInstant(statement, 4, from);
                statement.setFetchSize(2000);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) deliveries.add(new Delivery(r.getString(1), instant(r, "authored_at"), instant(r, "delivered_at")));
                }
            }
            return deliveries;
        });
    }

    @Override
    public boolean firstDelivery(String requestKey, Instant at) {
        return database.autocommit("record request " + requestKey, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO request_keys (request_key, received_at) VALUES (?, ?)")) {
                insert.setString(1, requestKey);
                Database.setInstant(insert, 2, at);
                insert.executeUpdate();
                return true;
            } catch (java.sql.SQLException e) {
                if (Database.isDuplicateKey(e)) return false;
                throw e;
            }
        });
    }

    @Override
    public void forgetRequest(String requestKey) {
        database.autocommit("forget request " + requestKey, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM request_keys WHERE request_key = ?")) {
                delete.setString(1, requestKey);
                return delete.executeUpdate();
            }
        });
    }

    // ---- reading ----

    /** Runs the deployments query, then loads the steps and commits of every deployment it found, in one snapshot. */
    private List<Deployment> read(String action, String sql, Binder binder) {
        return database.snapshot(action, connection -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) rows.add(row(result));
                }
            }
            if (rows.isEmpty()) return List.of();
            List<String> ids = rows.stream().map(r -> r.id).toList();
            Map<String, List<Step>> steps = steps(connection, ids);
            Map<String, List<Commit>> commits = commits(connection, ids);
            List<Deployment> deployments = new ArrayList<>(rows.size());
            for (Row row : rows) {
                deployments.add(row.deployment(steps.getOrDefault(row.id, List.of()), commits.getOrDefault(row.id, List.of())));
            }
            return deployments;
        });
    }

    private static Map<String, List<Step>> steps(Connection connection, List<String> ids) throws SQLException {
        String sql = "SELECT deployment_id, name, status, started_at, finished_at, detail, state FROM deployment_steps WHERE deployment_id IN ("
                + placeholders(ids.size()) + ") ORDER BY deployment_id, position";
        Map<String, List<Step>> steps = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIds(statement, ids);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Step step = new Step(result.getString("name"), StepStatus.valueOf(result.getString("status")), instant(result, "started_at"),
                            optionalInstant(result, "finished_at"), result.getString("detail"), StateText.read(result.getString("state")));
                    steps.computeIfAbsent(result.getString("deployment_id"), id -> new ArrayList<>()).add(step);
                }
            }
        }
        return steps;
    }

    private static Map<String, List<Commit>> commits(Connection connection, List<String> ids) throws SQLException {
        String sql = "SELECT deployment_id, sha, author, committed_at, subject FROM release_commits WHERE deployment_id IN ("
                + placeholders(ids.size()) + ") ORDER BY deployment_id, position";
        Map<String, List<Commit>> commits = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIds(statement, ids);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Commit commit = new Commit(CommitId.of(result.getString("sha")), result.getString("author"),
                            instant(result, "committed_at"), result.getString("subject"));
                    commits.computeIfAbsent(result.getString("deployment_id"), id -> new ArrayList<>()).add(commit);
                }
            }
        }
        return commits;
    }

    private static Row row(ResultSet r) throws SQLException {
        Release release = new Release(r.getString("service"), Version.parse(r.getString("release_version")), r.getString("release_tag"),
                CommitId.of(r.getString("release_commit")), optionalText(r, "release_artifact"));
        Optional<Approval> approval = Optional.empty();
        if (r.getString("approval_decision") != null) {
            String decider = r.getString("approval_decided_by");
            Optional<Actor> decidedBy = decider == null ? Optional.empty()
                    : Optional.of(Actor.of(decider, FrontEnd.valueOf(r.getString("approval_decided_via"))));
            approval = Optional.of(new Approval(instant(r, "approval_requested_at"), instant(r, "approval_expires_at"),
                    Approval.Decision.valueOf(r.getString("approval_decision")), decidedBy, optionalInstant(r, "approval_decided_at"),
                    r.getString("approval_comment")));
        }
        return new Row(r.getString("id"), Kind.valueOf(r.getString("kind")), r.getString("environment"), release,
                release(r, "previous"), release(r, "restored"), Status.valueOf(r.getString("status")),
                Actor.of(r.getString("requested_by"), FrontEnd.valueOf(r.getString("requested_via"))), r.getString("name"),
                r.getString("summary"), optionalText(r, "notes_since"), approval, optionalText(r, "failure"), optionalText(r, "owner"),
                instant(r, "created_at"), instant(r, "updated_at"), optionalInstant(r, "finished_at"), r.getLong("revision"));
    }

    private static Optional<Release> release(ResultSet r, String prefix) throws SQLException {
        String tag = r.getString(prefix + "_tag");
        if (tag == null) return Optional.empty();
        return Optional.of(new Release(r.getString(prefix + "_service"), Version.parse(r.getString(prefix + "_version")), tag,
                CommitId.of(r.getString(prefix + "_commit")), optionalText(r, prefix + "_artifact")));
    }

    /** A deployments row before its steps and commits are attached. */
    private record Row(String id, Kind kind, String environment, Release release, Optional<Release> previous, Optional<Release> restored,
                       Status status, Actor requestedBy, String name, String summary, Optional<String> notesSince,
                       Optional<Approval> approval, Optional<String> failure, Optional<String> owner,
                       Instant createdAt, Instant updatedAt, Optional<Instant> finishedAt, long revision) {

        Deployment deployment(List<Step> steps, List<Commit> commits) {
            return new Deployment(DeploymentId.of(id), kind, release.service(), environment, release, previous, status, requestedBy, name,
                    summary, new ReleaseNotes(notesSince, commits), steps, approval, restored, failure, owner, createdAt, updatedAt, finishedAt, revision);
        }
    }

    // ---- writing ----

    /**
     * Binds the 36 columns after the id in {@link #COLUMNS} order, then the id: the same for the update and the insert.
     * Answers the index of the next parameter (the update's expected revision).
     */
    private static int bindDeployment(PreparedStatement s, Deployment d) throws SQLException {
        int i = 1;
        s.setString(i++, d.kind().name());
        s.setString(i++, d.service());
        s.setString(i++, d.environment());
        i = bindRelease(s, i, Optional.of(d.release()), false);
        i = bindRelease(s, i, d.previous(), true);
        i = bindRelease(s, i, d.restored(), true);
        s.setString(i++, d.status().name());
        s.setString(i++, d.requestedBy().id());
        s.setString(i++, d.requestedBy().via().name());
        s.setString(i++, d.name());
        s.setString(i++, d.summary());
        setText(s, i++, d.notes().since());
        Optional<Approval> approval = d.approval();
        setInstant(s, i++, approval.map(Approval::requestedAt));
        setInstant(s, i++, approval.map(Approval::expiresAt));
        setText(s, i++, approval.map(a -> a.decision().name()));
        setText(s, i++, approval.flatMap(Approval::decidedBy).map(Actor::id));
        setText(s, i++, approval.flatMap(Approval::decidedBy).map(a -> a.via().name()));
        setInstant(s, i++, approval.flatMap(Approval::decidedAt));
        setText(s, i++, approval.map(Approval::comment));
        setText(s, i++, d.failure());
        setText(s, i++, d.owner());
        setInstant(s, i++, d.createdAt());
        setInstant(s, i++, d.updatedAt());
        setInstant(s, i++, d.finishedAt());
        s.setLong(i++, d.revision());
        s.setString(i++, d.id().value());
        return i;
    }

    /** The deployment's own release has no service column: its service is the deployment's. */
    private static int bindRelease(PreparedStatement s, int i, Optional<Release> release, boolean withService) throws SQLException {
        if (withService) setText(s, i++, release.map(Release::service));
        setText(s, i++, release.map(r -> r.version().toString()));
        setText(s, i++, release.map(Release::tag));
        setText(s, i++, release.map(r -> r.commit().sha()));
        setText(s, i++, release.flatMap(Release::artifact));
        return i;
    }

    private static void deleteChildren(Connection connection, String table, DeploymentId id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE deployment_id = ?")) {
            delete.setString(1, id.value());
            delete.executeUpdate();
        }
    }

    private static void insertSteps(Connection connection, Deployment d) throws SQLException {
        if (d.steps().isEmpty()) return;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STEP)) {
            int position = 0;
            for (Step step : d.steps()) {
                insert.setString(1, d.id().value());
                insert.setInt(2, position++);
                insert.setString(3, step.name());
                insert.setString(4, step.status().name());
                setInstant(insert, 5, step.startedAt());
                setInstant(insert, 6, step.finishedAt());
                insert.setString(7, step.detail());
                insert.setString(8, StateText.write(step.state()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertCommits(Connection connection, Deployment d) throws SQLException {
        if (d.notes().commits().isEmpty()) return;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_COMMIT)) {
            int position = 0;
            for (Commit commit : d.notes().commits()) {
                insert.setString(1, d.id().value());
                insert.setInt(2, position++);
                insert.setString(3, commit.id().sha());
                insert.setString(4, commit.author());
                setInstant(insert, 5, commit.date());
                insert.setString(6, commit.subject());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    // ---- small pieces ----

    private static String placeholders(int count) {
        StringJoiner marks = new StringJoiner(", ");
        for (int i = 0; i < count; i++) marks.add("?");
        return marks.toString();
    }

    private static void bindIds(PreparedStatement statement, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) statement.setString(i + 1, ids.get(i));
    }

    /** Statuses in a fixed order, so that the same query text is prepared (and cached by the driver) every time. */
    private static List<Status> sorted(Collection<Status> statuses) {
        return statuses.stream().sorted().toList();
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
