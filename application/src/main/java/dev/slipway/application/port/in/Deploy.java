package dev.slipway.application.port.in;

import dev.slipway.domain.input.Durations;
import dev.slipway.domain.input.FreeText;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.version.Bump;

import java.time.Duration;
import java.util.Optional;

/** Deploy a service's branch head (or a given version) to an environment. */
public interface Deploy {

    DeploymentOutcome deploy(DeployCommand command);

    /** How long a request may wait for a held lock at most. */
    Duration LONGEST_LOCK_WAIT = Duration.ofHours(24);
    /** The longest a deployment may be allowed to run in all. */
    Duration LONGEST_TIMEOUT = Duration.ofDays(7);

    /**
     * {@code version} names an explicit version (new, or existing for a redeploy); otherwise {@code bump} says which
     * component of the environment's latest version to increment (patch by default). {@code lockWait} is how long to
     * wait for a held lock (zero: refuse at once); {@code timeout} bounds the whole deployment. {@code requestKey}, when
     * given, identifies the request (a Slack trigger, a webhook delivery, an API idempotency key): the deployment's id is
     * {@code DeploymentId.forRequest(requestKey)}, and the same key a second time is refused with rule "duplicate".
     * {@code options} lifts rules on purpose; build commands with {@link #of(String, String, Actor)} and the withers.
     */
    record DeployCommand(Optional<String> service, String environment, Optional<String> version, Optional<Bump> bump,
                         Optional<String> name, Optional<String> summary, Duration lockWait, Optional<Duration> timeout, Actor actor,
                         Optional<String> requestKey, Options options) {
        public DeployCommand(Optional<String> service, String environment, Optional<String> version, Optional<Bump> bump,
                             Optional<String> name, Optional<String> summary, Duration lockWait, Optional<Duration> timeout, Actor actor) {
            this(service, environment, version, bump, name, summary, lockWait, timeout, actor, Optional.empty());
        }

        public DeployCommand(Optional<String> service, String environment, Optional<String> version, Optional<Bump> bump,
                             Optional<String> name, Optional<String> summary, Duration lockWait, Optional<Duration> timeout, Actor actor,
                             Optional<String> requestKey) {
            this(service, environment, version, bump, name, summary, lockWait, timeout, actor, requestKey, Options.NONE);
        }

        public DeployCommand {
            requestKey = requestKey == null ? Optional.empty() : requestKey.filter(k -> !k.isBlank());
            service = service == null ? Optional.empty() : service;
            version = version == null ? Optional.empty() : version;
            bump = bump == null ? Optional.empty() : bump;
            name = name == null ? Optional.empty() : name;
            summary = summary == null ? Optional.empty() : summary;
            lockWait = lockWait == null ? Duration.ZERO : lockWait;
            timeout = timeout == null ? Optional.empty() : timeout;
            options = options == null ? Options.NONE : options;
            if (environment == null || actor == null) throw new IllegalArgumentException("a deploy needs an environment and an actor");
            service.ifPresent(s -> FreeText.word("the service", s));
            FreeText.word("the environment", environment);
            version.ifPresent(v -> FreeText.word("the version", v));
            name.ifPresent(FreeText::name);
            summary.ifPresent(FreeText::summary);
            Durations.within("lockWait", lockWait, Duration.ZERO, LONGEST_LOCK_WAIT);
            timeout.ifPresent(t -> Durations.within("timeout", t, Duration.ofSeconds(1), LONGEST_TIMEOUT));
        }

        public static DeployCommand of(String environment, Actor actor) {
            return of(null, environment, actor);
        }

        /** A deploy of the environment's branch head as the next patch version; {@code service} may be null when only one is configured. */
        public static DeployCommand of(String service, String environment, Actor actor) {
            return new DeployCommand(Optional.ofNullable(service), environment, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Duration.ZERO, Optional.empty(), actor, Optional.empty(), Options.NONE);
        }

        public DeployCommand version(String version) {
            return new DeployCommand(service, environment, Optional.ofNullable(version), bump, name, summary, lockWait, timeout, actor, requestKey, options);
        }

        public DeployCommand bump(Bump bump) {
            return new DeployCommand(service, environment, version, Optional.ofNullable(bump), name, summary, lockWait, timeout, actor, requestKey, options);
        }

        public DeployCommand name(String name) {
            return new DeployCommand(service, environment, version, bump, Optional.ofNullable(name), summary, lockWait, timeout, actor, requestKey, options);
        }

        public DeployCommand summary(String summary) {
            return new DeployCommand(service, environment, version, bump, name, Optional.ofNullable(summary), lockWait, timeout, actor, requestKey, options);
        }

        public DeployCommand lockWait(Duration lockWait) {
            return new DeployCommand(service, environment, version, bump, name, summary, lockWait, timeout, actor, requestKey, options);
        }

        public DeployCommand timeout(Duration timeout) {
            return new DeployCommand(service, environment, version, bump, name, summary, lockWait, Optional.ofNullable(timeout), actor, requestKey, options);
        }

        public DeployCommand requestKey(String requestKey) {
            return new DeployCommand(service, environment, version, bump, name, summary, lockWait, timeout, actor, Optional.ofNullable(requestKey), options);
        }

        /** Deploys the branch head although the working copy has uncommitted changes to tracked files (they are not in it). */
        public DeployCommand allowDirty(boolean allow) {
            return with(new Options(allow, options.allowOlder(), options.redeploy(), options.remoteTag(), options.expectedHead()));
        }

        /** Deploys a commit that is older than the running release's, or unrelated to it. */
        public DeployCommand allowOlder(boolean allow) {
            return with(new Options(options.allowDirty(), allow, options.redeploy(), options.remoteTag(), options.expectedHead()));
        }

        /** When the commit to deploy already runs, deploys the running tag again instead of refusing with "nothing-new". */
        public DeployCommand redeploy(boolean redeploy) {
            return with(new Options(options.allowDirty(), options.allowOlder(), redeploy, options.remoteTag(), options.expectedHead()));
        }

        /**
         * Deploys the tag {@code tag} as it exists on the remote, never creating it: a tag the remote lacks, or that points
         * at another commit than {@code expectedCommit} (when given), is refused. What a webhook for a pushed tag asks.
         */
        public DeployCommand remoteTag(String tag, Optional<String> expectedCommit) {
            return new DeployCommand(service, environment, Optional.of(tag), bump, name, summary, lockWait, timeout, actor, requestKey,
                    new Options(options.allowDirty(), options.allowOlder(), options.redeploy(), Optional.of(new RemoteTag(tag, expectedCommit))));
        }

        /**
         * Deploys the branch head only while it is still {@code commit} (full or abbreviated): what a person confirming a
         * plan they were shown asks. A branch that moved meanwhile is refused (rule {@code plan-changed}) and nothing starts.
         */
        public DeployCommand expectHead(String commit) {
            return with(new Options(options.allowDirty(), options.allowOlder(), options.redeploy(), options.remoteTag(), Optional.ofNullable(commit)));
        }

        private DeployCommand with(Options changed) {
            return new DeployCommand(service, environment, version, bump, name, summary, lockWait, timeout, actor, requestKey, changed);
        }
    }

    /** Rules a deploy lifts on purpose; all off by default. {@code remoteTag} is present for a deploy of a tag pushed to the remote. */
    record Options(boolean allowDirty, boolean allowOlder, boolean redeploy, Optional<RemoteTag> remoteTag, Optional<String> expectedHead) {
        public static final Options NONE = new Options(false, false, false, Optional.empty(), Optional.empty());

        public Options(boolean allowDirty, boolean allowOlder, boolean redeploy, Optional<RemoteTag> remoteTag) {
            this(allowDirty, allowOlder, redeploy, remoteTag, Optional.empty());
        }

        public Options {
            remoteTag = remoteTag == null ? Optional.empty() : remoteTag;
            expectedHead = expectedHead == null ? Optional.empty() : expectedHead.filter(c -> !c.isBlank());
            expectedHead.ifPresent(c -> {
                if (!c.matches("[0-9a-f]{7,40}")) throw new dev.slipway.domain.input.InputRefused("the expected commit must be 7 to 40 hex digits, as a plan shows it");
            });
        }
    }

    /** A tag that must exist on the remote, at {@code expectedCommit} when given (a full or abbreviated SHA). */
    record RemoteTag(String tag, Optional<String> expectedCommit) {
        public RemoteTag {
            if (tag == null || tag.isBlank()) throw new IllegalArgumentException("a remote tag needs a name");
            expectedCommit = expectedCommit == null ? Optional.empty() : expectedCommit.filter(c -> !c.isBlank());
        }
    }
}
