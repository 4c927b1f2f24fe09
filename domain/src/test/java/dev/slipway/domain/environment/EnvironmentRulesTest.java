package dev.slipway.domain.environment;

import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.rollback.RollbackPolicy;
import dev.slipway.domain.version.TagPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentRulesTest {

    private static Environment env(String name, Optional<String> promotedFrom) {
        return new Environment(name, BranchPolicy.of("dev"), TagPattern.of("{version}-dev"), new TargetSpec("local", Map.of("port", "8080")),
                HealthCheck.DEFAULT, ApprovalRule.NONE, RollbackPolicy.AUTOMATIC, promotedFrom, false);
    }

    @Test
    void aBranchRuleAllowsItsBranchOrAPrefix() {
        assertThat(BranchPolicy.of("dev").refusal(Optional.of("dev"), "dev")).isEmpty();
        assertThat(BranchPolicy.of("dev").refusal(Optional.of("feature/x"), "dev")).contains("dev deploys only from branch 'dev', and the repository is on 'feature/x'");
        assertThat(BranchPolicy.of("dev").refusal(Optional.empty(), "dev")).hasValueSatisfying(r -> assertThat(r).contains("detached HEAD"));
        assertThat(BranchPolicy.of("release/*").allows("release/2026-11")).isTrue();
        assertThat(BranchPolicy.of("release/*").allows("main")).isFalse();
    }

    @Test
    void approvalNeedsSomeoneElseAndOneOfTheApprovers() {
        ApprovalRule rule = ApprovalRule.required(Set.of("bob", "carol"), Duration.ofHours(1));
        Actor alice = Actor.of("alice", FrontEnd.CLI);

        assertThat(rule.refusal(alice, alice)).hasValueSatisfying(r -> assertThat(r).contains("cannot approve it too").contains("bob, carol"));
        assertThat(rule.refusal(Actor.of("mallory", FrontEnd.SLACK), alice)).hasValueSatisfying(r -> assertThat(r).contains("not an approver"));
        assertThat(rule.refusal(Actor.of("bob", FrontEnd.SLACK), alice)).isEmpty();
        assertThat(ApprovalRule.required(Set.of(), Duration.ofHours(1)).refusal(Actor.of("anyone", FrontEnd.CLI), alice)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dev", "dev;rm", "$(id)", "a b", "dev\n", "", "-dev", "abcdefghijabcdefghijabcdefghijabcdefghijk"})
    void refusesNamesThatWouldNeedQuoting(String name) {
        assertThatThrownBy(() -> Names.require("environment", name)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
    }

    @Test
    void aServiceRefusesAPromotionFromAnEnvironmentItDoesNotHave() {
        assertThatThrownBy(() -> Service.of("hello", new SourceRepository("."), List.of(env("prod", Optional.of("staging")))))
                .hasMessageContaining("promoted from staging, which hello does not have");
    }

    @Test
    void theCatalogResolvesTheOnlyServiceOrAsksForANameAmongSeveral() {
        Service hello = Service.of("hello", new SourceRepository("."), List.of(env("dev", Optional.empty())));
        Service atta = Service.of("atta", new SourceRepository("../atta"), List.of(env("dev", Optional.empty())));

        assertThat(new Catalog(List.of(hello)).resolve(Optional.empty())).isEqualTo(hello);
        assertThatThrownBy(() -> new Catalog(List.of(hello, atta)).resolve(Optional.empty())).hasMessageContaining("--service").hasMessageContaining("hello, atta");
        assertThatThrownBy(() -> new Catalog(List.of(hello)).resolve(Optional.of("nope"))).hasMessageContaining("no service named 'nope'");
    }

    @Test
    void aHealthCheckKnowsItsWorstCase() {
        var check = new HealthCheck("/health", Duration.ofSeconds(2), 3, Duration.ofSeconds(1), Optional.empty());

        assertThat(check.worstCase()).isEqualTo(Duration.ofSeconds(8));
        assertThatThrownBy(() -> new HealthCheck("health", Duration.ofSeconds(1), 1, Duration.ZERO, Optional.empty())).hasMessageContaining("must start with /");
    }
}
