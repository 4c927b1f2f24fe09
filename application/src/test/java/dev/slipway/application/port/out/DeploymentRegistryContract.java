package dev.slipway.application.port.out;

import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link DeploymentRegistry} must do. A subclass answers an empty registry for each test; times carry
 * microseconds because that is the precision every store must keep.
 */
public abstract class DeploymentRegistryContract {

    protected static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123456Z");

    private DeploymentRegistry registry;

    /** An empty registry, fresh for each test. */
    protected abstract DeploymentRegistry newRegistry();

    @BeforeEach
    void startEmpty() {
        registry = newRegistry();
    }

    @Test
    void findsASavedDeploymentWithEveryFieldAsItWasSaved() {
        Deployment everything = everyFieldSet("a1b2c3d4e5f6");

        everything = registry.save(everything);

        assertThat(registry.find(everything.id())).contains(everything);
    }

    @Test
    void findsAPlannedDeploymentWithNothingOptionalSet() {
        Deployment planned = aDeployment("0000000000a1").build();

        planned = registry.save(planned);

        Deployment found = registry.find(planned.id()).orElseThrow();
        assertThat(found).isEqualTo(planned);
        assertThat(found.previous()).isEmpty();
        assertThat(found.approval()).isEmpty();
        assertThat(found.finishedAt()).isEmpty();
        assertThat(found.notes()).isEqualTo(ReleaseNotes.EMPTY);
    }

    @Test
    void listsOnlyTheChosenEnvironmentsCreatedSinceATime() {
        registry.save(aDeployment("00000000e001").to("dev").createdAt(T0).build());
        registry.save(aDeployment("00000000e002").to("prod").createdAt(T0.plusSeconds(10)).build());
        registry.save(aDeployment("00000000e003").to("qa").createdAt(T0.plusSeconds(20)).build());
        registry.save(aDeployment("00000000e004").to("dev").createdAt(T0.plusSeconds(30)).build());

        List<Deployment> chosen = registry.history(HistoryQuery.of("hello", null, 10).within(Set.of("dev", "prod"), Optional.of(T0.plusSeconds(10))));

        assertThat(chosen).extracting(d -> d.id().value()).as("since is included").containsExactly("00000000e004", "00000000e002");
        assertThat(registry.history(HistoryQuery.of("hello", null, 10).within(Set.of("qa"), Optional.empty()))).extracting(d -> d.id().value())
                .containsExactly("00000000e003");
    }

    @Test
    void listsFinishedDeploymentsInTheWindowByFinishTimeWithTheirFacts() {
        registry.save(aDeployment("00000000f001").of("hello").to("prod").version("0.1.2").after("0.1.1").status(Status.SUCCEEDED)
                .createdAt(T0).finishedAt(T0.plusSeconds(60)).build());
        registry.save(aDeployment("00000000f002").of("hello").to("dev").kind(Kind.ROLLBACK).status(Status.ROLLED_BACK)
                .createdAt(T0.plusSeconds(5)).finishedAt(T0.plusSeconds(30)).build());
        registry.save(aDeployment("00000000f003").of("shop").to("dev").status(Status.FAILED).createdAt(T0).finishedAt(T0.plusSeconds(45)).build());
        registry.save(aDeployment("00000000f004").of("hello").to("dev").status(Status.RUNNING).createdAt(T0).build());
        registry.save(aDeployment("00000000f005").of("hello").to("dev").status(Status.SUCCEEDED).createdAt(T0).finishedAt(T0.plusSeconds(120)).build());

        List<DeploymentRegistry.Finished> all = registry.finished(Optional.empty(), T0.plusSeconds(30), T0.plusSeconds(120));
        List<DeploymentRegistry.Finished> hello = registry.finished(Optional.of("hello"), T0, T0.plusSeconds(121));

        assertThat(all).extracting(f -> f.id().value()).as("from is included, to is not").containsExactly("00000000f002", "00000000f003", "00000000f001");
        assertThat(hello).extracting(f -> f.id().value()).containsExactly("00000000f002", "00000000f001", "00000000f005");
        assertThat(hello.get(1)).isEqualTo(new DeploymentRegistry.Finished(DeploymentId.of("00000000f001"), Kind.DEPLOY, "hello", "prod",
                Status.SUCCEEDED, "0.1.2-prod", Optional.of("0.1.1-prod"), T0, T0.plusSeconds(60)));
        assertThat(hello.getFirst().kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(hello.getFirst().previousTag()).isEmpty();
    }

    @Test
    void findsEachCommitsFirstDeliveryToAnEnvironmentBySucceededDeploymentsThatAreNotRollbacks() {
        Commit a = aCommit('1', "ada", T0.minusSeconds(3600));
        Commit b = aCommit('2', "bob", T0.minusSeconds(600));
        Commit c = aCommit('3', "cy", T0.plusSeconds(100));
        // a failed first, then shipped with b at +60; c shipped at +200 and again (a redeploy) at +400; a rollback lists b and c: ignored.
        registry.save(aDeployment("00000000d001").to("prod").status(Status.FAILED).bringing(a).createdAt(T0).finishedAt(T0.plusSeconds(10)).build());
        registry.save(aDeployment("00000000d002").to("prod").status(Status.SUCCEEDED).bringing(b, a).createdAt(T0.plusSeconds(20)).finishedAt(T0.plusSeconds(60)).build());
        registry.save(aDeployment("00000000d003").to("prod").status(Status.SUCCEEDED).bringing(c).createdAt(T0.plusSeconds(150)).finishedAt(T0.plusSeconds(200)).build());
        registry.save(aDeployment("00000000d004").to("prod").kind(Kind.ROLLBACK).status(Status.SUCCEEDED).bringing(c, b)
                .createdAt(T0.plusSeconds(250)).finishedAt(T0.plusSeconds(300)).build());
        registry.save(aDeployment("00000000d005").to("prod").kind(Kind.REDEPLOY).status(Status.SUCCEEDED).bringing(c)
                .createdAt(T0.plusSeconds(350)).finishedAt(T0.plusSeconds(400)).build());
        registry.save(aDeployment("00000000d006").to("dev").status(Status.SUCCEEDED).bringing(a).createdAt(T0).finishedAt(T0.plusSeconds(5)).build());

        List<DeploymentRegistry.Delivery> all = registry.deliveries("hello", "prod", T0, T0.plusSeconds(1000));
        List<DeploymentRegistry.Delivery> later = registry.deliveries("hello", "prod", T0.plusSeconds(100), T0.plusSeconds(1000));
        List<DeploymentRegistry.Delivery> early = registry.deliveries("hello", "prod", T0, T0.plusSeconds(60));

        assertThat(all).containsExactly(
                new DeploymentRegistry.Delivery("1".repeat(40), T0.minusSeconds(3600), T0.plusSeconds(60)),
                new DeploymentRegistry.Delivery("2".repeat(40), T0.minusSeconds(600), T0.plusSeconds(60)),
                new DeploymentRegistry.Delivery("3".repeat(40), T0.plusSeconds(100), T0.plusSeconds(200)));
        assertThat(later).as("a commit first delivered before the window is not listed").extracting(DeploymentRegistry.Delivery::sha)
                .containsExactly("3".repeat(40));
        assertThat(early).as("the window's end is excluded").isEmpty();
        assertThat(registry.deliveries("hello", "dev", T0, T0.plusSeconds(1000))).extracting(DeploymentRegistry.Delivery::sha).containsExactly("1".repeat(40));
    }

    @Test
    void acceptsARequestKeyOnceAndRefusesItEveryTimeAfter() {
        assertThat(registry.firstDelivery("slack:T1:trigger-1", T0)).isTrue();
        assertThat(registry.firstDelivery("slack:T1:trigger-1", T0.plusSeconds(1))).isFalse();
        assertThat(registry.firstDelivery("slack:T1:trigger-2", T0)).isTrue();
    }

    @Test
    void aForgottenRequestKeyIsAcceptedAgainAndForgettingAnUnknownOneDoesNothing() {
        assertThat(registry.firstDelivery("api:alice:retry-me", T0)).isTrue();

        registry.forgetRequest("api:alice:retry-me");
        registry.forgetRequest("api:alice:never-seen");

        assertThat(registry.firstDelivery("api:alice:retry-me", T0.plusSeconds(5))).isTrue();
        assertThat(registry.firstDelivery("api:alice:retry-me", T0.plusSeconds(6))).isFalse();
    }

    @Test
    void acceptsARequestKeyOnceWhenManyAskAtTheSameTime() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> answers = new ArrayList<>();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return registry.firstDelivery("github:delivery-42", T0);
                }));
            }
            start.countDown();
            int firsts = 0;
            for (var answer : answers) firsts += answer.get() ? 1 : 0;
            assertThat(firsts).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsNothingUnderAnIdNeverSaved() {
        assertThat(registry.find(DeploymentId.of("ffffffffffff"))).isEmpty();
    }

    @Test
    void savingAgainReplacesTheFieldsTheStepsAndTheNotes() {
        Deployment first = everyFieldSet("0000000000b1");
        first = registry.save(first);
        Step only = new Step("verify", StepStatus.RUNNING, T0.plusSeconds(90), Optional.empty(), "probing /health", Map.of("attempt", "2"));
        ReleaseNotes fewer = new ReleaseNotes(Optional.empty(), List.of(commit('9', "Only this one", T0.minusSeconds(60))));
        Deployment second = new Deployment(first.id(), Kind.REDEPLOY, first.service(), first.environment(), first.release().withArtifact("sha256:feed"),
                Optional.empty(), Status.RUNNING, Actor.of("bob", FrontEnd.SHELL), "renamed", "", fewer, List.of(only), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("other-host:1"), first.createdAt(), T0.plusSeconds(95), Optional.empty(), first.revision());

        second = registry.save(second);

        assertThat(registry.find(first.id())).contains(second);
    }

    @Test
    void savingAJournalThatGrewKeepsEveryStepInOrder() {
        Deployment running = aDeployment("0000000000c1").status(Status.RUNNING).build();
        running = registry.save(running);
        Deployment grown = running;
        for (String step : List.of("resolve-version", "check-branch", "tag", "artifact", "roll-out", "verify")) {
            grown = grown.stepStarted(step, T0.plusSeconds(1)).stepRemembered(step, "key", step + "-value", T0.plusSeconds(2))
                    .stepFinished(step, StepStatus.SUCCEEDED, step + " done", T0.plusSeconds(3));
            grown = registry.save(grown);
        }

        assertThat(registry.find(running.id()).orElseThrow().steps()).extracting(Step::name)
                .containsExactly("resolve-version", "check-branch", "tag", "artifact", "roll-out", "verify");
        assertThat(registry.find(running.id())).contains(grown);
    }

    @Test
    void historyListsNewestFirstAndStopsAtTheLimit() {
        List<Deployment> saved = saveMinutely("hello", "dev", 5);

        List<Deployment> history = registry.history(HistoryQuery.of("hello", "dev", 3));

        assertThat(history).containsExactly(saved.get(4), saved.get(3), saved.get(2));
    }

    @Test
    void historyCarriesEachDeploymentWithItsStepsAndNotes() {
        Deployment one = everyFieldSet("0000000000d1");
        Deployment two = everyFieldSet("0000000000d2");
        Deployment three = aDeployment("0000000000d3").createdAt(T0.plusSeconds(3600)).build();
        one = registry.save(one);
        two = registry.save(two);
        three = registry.save(three);

        assertThat(registry.history(HistoryQuery.of("hello", "dev", 10))).containsExactly(three, two, one);
    }

    @Test
    void historyFiltersByServiceEnvironmentAndStatus() {
        Deployment helloDev = aDeployment("0000000000e1").status(Status.SUCCEEDED).createdAt(T0).build();
        Deployment helloProd = aDeployment("0000000000e2").to("prod").status(Status.SUCCEEDED).createdAt(T0.plusSeconds(1)).build();
        Deployment attaDev = aDeployment("0000000000e3").of("atta").status(Status.FAILED).createdAt(T0.plusSeconds(2)).build();
        Deployment helloDevFailed = aDeployment("0000000000e4").status(Status.FAILED).createdAt(T0.plusSeconds(3)).build();
        helloDev = registry.save(helloDev);
        helloProd = registry.save(helloProd);
        attaDev = registry.save(attaDev);
        helloDevFailed = registry.save(helloDevFailed);

        assertThat(registry.history(HistoryQuery.of("hello", null, 10))).containsExactly(helloDevFailed, helloProd, helloDev);
        assertThat(registry.history(HistoryQuery.of(null, "dev", 10))).containsExactly(helloDevFailed, attaDev, helloDev);
        assertThat(registry.history(HistoryQuery.of(null, null, 10))).containsExactly(helloDevFailed, attaDev, helloProd, helloDev);
        assertThat(registry.history(query("hello", "dev", EnumSet.of(Status.SUCCEEDED), 10, null))).containsExactly(helloDev);
        assertThat(registry.history(query(null, null, EnumSet.of(Status.FAILED, Status.CANCELLED), 10, null))).containsExactly(helloDevFailed, attaDev);
        assertThat(registry.history(HistoryQuery.of("nobody", "dev", 10))).isEmpty();
    }

    @Test
    void historyPagesWithBeforeAnswerOnlyStrictlyOlderDeployments() {
        List<Deployment> saved = saveMinutely("hello", "dev", 7);

        List<Deployment> first = registry.history(HistoryQuery.of("hello", "dev", 3));
        List<Deployment> second = registry.history(query("hello", "dev", Set.of(), 3, first.getLast().createdAt()));
        List<Deployment> third = registry.history(query("hello", "dev", Set.of(), 3, second.getLast().createdAt()));

        assertThat(first).containsExactly(saved.get(6), saved.get(5), saved.get(4));
        assertThat(second).containsExactly(saved.get(3), saved.get(2), saved.get(1));
        assertThat(third).containsExactly(saved.get(0));
        assertThat(registry.history(query("hello", "dev", Set.of(), 3, saved.get(0).createdAt()))).isEmpty();
    }

    @Test
    void historyPagesAfterADeploymentWithoutLosingThoseCreatedAtTheSameInstant() {
        List<Deployment> saved = new ArrayList<>();
        for (String id : List.of("0000000000f1", "0000000000f2", "0000000000f3", "0000000000f4", "0000000000f5")) {
            Deployment d = aDeployment(id).createdAt(id.compareTo("0000000000f3") <= 0 ? T0 : T0.plusSeconds(1)).build();
            d = registry.save(d);
            saved.add(d);
        }
        var pageOf = (java.util.function.Function<Optional<Deployment>, List<Deployment>>) after ->
                registry.history(new HistoryQuery(Optional.of("hello"), Optional.of("dev"), Set.of(), 2, Optional.empty(), after));

        List<Deployment> first = pageOf.apply(Optional.empty());
        List<Deployment> second = pageOf.apply(Optional.of(first.getLast()));
        List<Deployment> third = pageOf.apply(Optional.of(second.getLast()));

        assertThat(first).containsExactly(saved.get(4), saved.get(3));
        assertThat(second).containsExactly(saved.get(2), saved.get(1));
        assertThat(third).containsExactly(saved.get(0));
        assertThat(pageOf.apply(Optional.of(saved.get(0)))).isEmpty();
    }

    @Test
    void historyOrdersDeploymentsCreatedAtTheSameInstantByIdDescending() {
        Deployment lower = aDeployment("00000000f001").build();
        Deployment higher = aDeployment("00000000f002").build();
        lower = registry.save(lower);
        higher = registry.save(higher);

        assertThat(registry.history(HistoryQuery.of("hello", "dev", 10))).containsExactly(higher, lower);
    }

    @Test
    void latestAnswersTheDeploymentThatSettledLastAmongTheGivenStatuses() {
        Deployment older = aDeployment("0000000000a2").status(Status.SUCCEEDED).createdAt(T0).finishedAt(T0.plusSeconds(60)).build();
        Deployment newer = aDeployment("0000000000a3").status(Status.ROLLED_BACK).createdAt(T0.plusSeconds(120)).finishedAt(T0.plusSeconds(300)).build();
        Deployment failedLater = aDeployment("0000000000a4").status(Status.FAILED).createdAt(T0.plusSeconds(400)).finishedAt(T0.plusSeconds(500)).build();
        Deployment otherEnvironment = aDeployment("0000000000a5").to("prod").status(Status.SUCCEEDED).createdAt(T0.plusSeconds(600)).finishedAt(T0.plusSeconds(700)).build();
        older = registry.save(older);
        newer = registry.save(newer);
        failedLater = registry.save(failedLater);
        otherEnvironment = registry.save(otherEnvironment);

        assertThat(registry.latest("hello", "dev", Status.SETTLED)).contains(newer);
        assertThat(registry.latest("hello", "dev", EnumSet.of(Status.SUCCEEDED))).contains(older);
        assertThat(registry.latest("hello", "prod", Status.SETTLED)).contains(otherEnvironment);
        assertThat(registry.latest("hello", "dev", EnumSet.of(Status.CANCELLED))).isEmpty();
        assertThat(registry.latest("atta", "dev", Status.SETTLED)).isEmpty();
    }

    @Test
    void latestCountsAnUnfinishedDeploymentAtItsLastUpdate() {
        Deployment finished = aDeployment("0000000000a6").status(Status.SUCCEEDED).createdAt(T0).finishedAt(T0.plusSeconds(60)).build();
        Deployment running = aDeployment("0000000000a7").status(Status.RUNNING).createdAt(T0.plusSeconds(30)).updatedAt(T0.plusSeconds(90)).build();
        finished = registry.save(finished);
        running = registry.save(running);

        assertThat(registry.latest("hello", "dev", EnumSet.of(Status.SUCCEEDED, Status.RUNNING))).contains(running);
    }

    @Test
    void withStatusListsMatchingDeploymentsOfEveryServiceOldestFirst() {
        Deployment running = aDeployment("0000000000b2").status(Status.RUNNING).createdAt(T0.plusSeconds(10)).build();
        Deployment waiting = aDeployment("0000000000b3").of("atta").to("prod").status(Status.AWAITING_APPROVAL).createdAt(T0).build();
        Deployment rollingBack = aDeployment("0000000000b4").of("atta").status(Status.ROLLING_BACK).createdAt(T0.plusSeconds(20)).build();
        Deployment done = aDeployment("0000000000b5").status(Status.SUCCEEDED).createdAt(T0.plusSeconds(5)).build();
        running = registry.save(running);
        waiting = registry.save(waiting);
        rollingBack = registry.save(rollingBack);
        done = registry.save(done);

        assertThat(registry.withStatus(EnumSet.of(Status.RUNNING, Status.ROLLING_BACK, Status.AWAITING_APPROVAL)))
                .containsExactly(waiting, running, rollingBack);
        assertThat(registry.withStatus(EnumSet.of(Status.INTERRUPTED))).isEmpty();
    }

    @Test
    void withStatusSeesAStatusChangedBySavingAgain() {
        Deployment running = aDeployment("0000000000b6").status(Status.RUNNING).build();
        running = registry.save(running);

        registry.save(running.succeed(T0.plusSeconds(30)));

        assertThat(registry.withStatus(EnumSet.of(Status.RUNNING))).isEmpty();
        assertThat(registry.withStatus(EnumSet.of(Status.SUCCEEDED))).extracting(Deployment::id).containsExactly(running.id());
    }

    // ---- compare-and-set ----

    @Test
    void answersTheSavedDeploymentOneRevisionFurtherEachTime() {
        Deployment running = aDeployment("0000000000c7").status(Status.RUNNING).build();
        assertThat(running.revision()).isZero();

        Deployment first = registry.save(running);
        Deployment second = registry.save(first.stepStarted("tag", T0.plusSeconds(1)));

        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(registry.find(running.id())).contains(second);
    }

    @Test
    void refusesASaveFromARevisionThatIsNoLongerStoredAndKeepsWhatIsStored() {
        Deployment read = registry.save(aDeployment("0000000000c8").status(Status.RUNNING).build());
        Deployment interrupted = registry.save(read.interrupt("its process stopped renewing its lock", T0.plusSeconds(60)));

        assertThatThrownBy(() -> registry.save(read.fail("verify failed", T0.plusSeconds(70))))
                .isInstanceOf(DeploymentChanged.class)
                .satisfies(e -> assertThat(((DeploymentChanged) e).id()).isEqualTo(read.id()));
        assertThat(registry.find(read.id())).contains(interrupted);
    }

    @Test
    void refusesAFirstSaveOfAnIdThatExists() {
        Deployment planned = aDeployment("0000000000c9").build();
        Deployment stored = registry.save(planned);

        assertThatThrownBy(() -> registry.save(aDeployment("0000000000c9").to("prod").build())).isInstanceOf(DeploymentChanged.class);
        assertThat(registry.find(planned.id())).contains(stored);
    }

    @Test
    void refusesASaveOfARevisionThatWasNeverStored() {
        Deployment neverSaved = aDeployment("0000000000ca").status(Status.RUNNING).build().atRevision(4);

        assertThatThrownBy(() -> registry.save(neverSaved)).isInstanceOf(DeploymentChanged.class);
        assertThat(registry.find(neverSaved.id())).isEmpty();
    }

    @Test
    void ofTwoWritersDecidingOnOneDeploymentAtTheSameMomentExactlyOneWins() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Deployment read = registry.save(aDeployment("%012x".formatted(0xc00 + round)).status(Status.RUNNING).build());
                Deployment succeeded = read.succeed(T0.plusSeconds(30));
                Deployment interrupted = read.interrupt("its lease ran out", T0.plusSeconds(30));
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Optional<Deployment>>> answers = new ArrayList<>();
                for (Deployment decision : List.of(succeeded, interrupted)) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        try {
                            return Optional.of(registry.save(decision));
                        } catch (DeploymentChanged lost) {
                            return Optional.<Deployment>empty();
                        }
                    }));
                }
                start.countDown();
                List<Deployment> winners = new ArrayList<>();
                for (var answer : answers) answer.get().ifPresent(winners::add);

                assertThat(winners).hasSize(1);
                assertThat(registry.find(read.id())).contains(winners.getFirst());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- fixtures ----

    private List<Deployment> saveMinutely(String service, String environment, int count) {
        List<Deployment> saved = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Deployment d = aDeployment("%012x".formatted(0x100 + i)).of(service).to(environment)
                    .createdAt(T0.plus(Duration.ofMinutes(i))).build();
            d = registry.save(d);
            saved.add(d);
        }
        return saved;
    }

    private static HistoryQuery query(String service, String environment, Set<Status> statuses, int limit, Instant before) {
        return new HistoryQuery(Optional.ofNullable(service), Optional.ofNullable(environment), statuses, limit, Optional.ofNullable(before));
    }

    /** A rolled-back deployment with every optional field present, odd characters in its texts and sub-second times. */
    public static Deployment everyFieldSet(String id) {
        Release release = new Release("hello", Version.parse("0.1.30"), "0.1.30-dev", sha('a'), Optional.of("123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello@sha256:abc"));
        Release previous = new Release("hello", Version.parse("0.1.29"), "0.1.29-dev", sha('b'), Optional.of("s3://bucket/bundles/dev/deploy-bundle-0.1.29-dev.tar.gz"));
        Release restored = new Release("hello", Version.parse("0.1.28"), "0.1.28-dev", sha('c'), Optional.empty());
        Map<String, String> rolloutState = new LinkedHashMap<>();
        rolloutState.put("ssm-command-id", "0b2e3f1c-5d6a-4e7b-8c9d-0e1f2a3b4c5d");
        rolloutState.put("odd", "quote \" backslash \\ tab \t newline \n unicode é ✓ 🚀 braces {} [] , :");
        rolloutState.put("empty", "");
        List<Step> steps = List.of(
                new Step("resolve-version", StepStatus.SUCCEEDED, T0.plusMillis(1), Optional.of(T0.plusMillis(250)), "0.1.30-dev", Map.of("tag", "0.1.30-dev")),
                new Step("roll-out", StepStatus.FAILED, T0.plusMillis(300), Optional.of(T0.plusSeconds(40)), "exit 1: \"health\"\nsecond line", rolloutState),
                new Step("roll-back", StepStatus.SUCCEEDED, T0.plusSeconds(41), Optional.of(T0.plusSeconds(80)), "", Map.of()),
                new Step("verify", StepStatus.SKIPPED, T0.plusSeconds(81), Optional.of(T0.plusSeconds(81)), "skipped", Map.of()));
        Approval approval = new Approval(T0.minusSeconds(600), T0.plusSeconds(1200), Approval.Decision.APPROVED,
                Optional.of(Actor.of("U024BE7LH", FrontEnd.SLACK)), Optional.of(T0.minusSeconds(300).plusNanos(1000)), "ship it, 'carefully'");
        ReleaseNotes notes = new ReleaseNotes(Optional.of("0.1.29-dev"), List.of(
                commit('d', "Add /health endpoint", T0.minusSeconds(7200)),
                commit('e', "Fix typo in README; café", T0.minusSeconds(9000).plusMillis(7))));
        return new Deployment(DeploymentId.of(id), Kind.DEPLOY, "hello", "dev", release, Optional.of(previous), Status.ROLLED_BACK,
                Actor.of("alice@example.com", FrontEnd.CLI), "Add /health endpoint (+1 more)", "A summary\nover two lines", notes, steps,
                Optional.of(approval), Optional.of(restored), Optional.of("health check failed: 503 after 5 tries"), Optional.of("host-1:4242"),
                T0, T0.plusSeconds(80).plusNanos(5000), Optional.of(T0.plusSeconds(80).plusNanos(5000)));
    }

    /** A commit by {@code author} written at {@code at}, its id {@code digit} forty times. */
    public static Commit aCommit(char digit, String author, Instant at) {
        return new Commit(sha(digit), author, at, "Change " + digit);
    }

    private static Commit commit(char digit, String subject, Instant at) {
        return new Commit(sha(digit), "Ada Lovelace <ada@example.com>", at, subject);
    }

    private static CommitId sha(char digit) {
        return CommitId.of(String.valueOf(digit).repeat(40));
    }

    public static DeploymentFixture aDeployment(String id) {
        return new DeploymentFixture(id);
    }

    /** Reads as a sentence: {@code aDeployment("...").of("hello").to("dev").status(RUNNING).build()}. */
    public static final class DeploymentFixture {
        private final String id;
        private String service = "hello";
        private String environment = "dev";
        private Status status = Status.PLANNED;
        private Instant createdAt = T0;
        private Instant updatedAt;
        private Instant finishedAt;
        private Kind kind = Kind.DEPLOY;
        private String version = "0.1.1";
        private String previousVersion;
        private List<Commit> commits = List.of();

        private DeploymentFixture(String id) {
            this.id = id;
        }

        public DeploymentFixture of(String service) {
            this.service = service;
            return this;
        }

        public DeploymentFixture to(String environment) {
            this.environment = environment;
            return this;
        }

        public DeploymentFixture status(Status status) {
            this.status = status;
            return this;
        }

        public DeploymentFixture createdAt(Instant at) {
            this.createdAt = at;
            return this;
        }

        public DeploymentFixture updatedAt(Instant at) {
            this.updatedAt = at;
            return this;
        }

        public DeploymentFixture finishedAt(Instant at) {
            this.finishedAt = at;
            return this;
        }

        public DeploymentFixture kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** The release's version; its tag is the version, a dash and the environment ({@code 0.1.2-prod}). */
        public DeploymentFixture version(String version) {
            this.version = version;
            return this;
        }

        /** The release the environment ran before, tagged as {@link #version} tags. */
        public DeploymentFixture after(String previousVersion) {
            this.previousVersion = previousVersion;
            return this;
        }

        public DeploymentFixture bringing(Commit... commits) {
            this.commits = List.of(commits);
            return this;
        }

        public Deployment build() {
            Release release = Release.of(service, Version.parse(version), version + "-" + environment, sha('f'));
            Optional<Release> previous = Optional.ofNullable(previousVersion)
                    .map(v -> Release.of(service, Version.parse(v), v + "-" + environment, sha('e')));
            Instant updated = updatedAt != null ? updatedAt : finishedAt != null ? finishedAt : createdAt;
            ReleaseNotes notes = commits.isEmpty() ? null : new ReleaseNotes(previous.map(Release::tag), commits);
            return new Deployment(DeploymentId.of(id), kind, service, environment, release, previous, status,
                    Actor.of("ci", FrontEnd.CLI), null, null, notes, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), createdAt, updated, Optional.ofNullable(finishedAt));
        }
    }
}
