package dev.slipway.domain.access;

import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.FrontEnd;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTest {

    private final AccessRules rules = new AccessRules(List.of(
            new Grant(Set.of("U1", "S-devs"), Set.of(Role.DEPLOY, Role.ROLLBACK), Set.of(), Set.of("dev")),
            new Grant(Set.of("U9"), Set.of(Role.APPROVE, Role.DEPLOY), Set.of("hello"), Set.of("prod"))));

    @Test
    void trustsTheCommandLineShellAndWebhooks() {
        assertThat(rules.permits(Actor.of("anyone", FrontEnd.CLI), "hello", "prod", Role.DEPLOY)).isTrue();
        assertThat(rules.permits(Actor.of("anyone", FrontEnd.SHELL), "hello", "prod", Role.LOCK)).isTrue();
        assertThat(AccessRules.NONE.permits(Actor.of("github", FrontEnd.WEBHOOK), "hello", "prod", Role.DEPLOY)).isTrue();
    }

    @Test
    void letsASlackUserActWhereAGrantNamesThemOrTheirGroup() {
        assertThat(rules.permits(new Actor("U1", FrontEnd.SLACK, "T1", Set.of()), "hello", "dev", Role.DEPLOY)).isTrue();
        assertThat(rules.permits(new Actor("U2", FrontEnd.SLACK, "T1", Set.of("S-devs")), "hello", "dev", Role.ROLLBACK)).isTrue();
        assertThat(rules.permits(new Actor("U2", FrontEnd.SLACK, "T1", Set.of("S-devs")), "hello", "prod", Role.DEPLOY)).isFalse();
        assertThat(rules.permits(new Actor("U9", FrontEnd.API, "", Set.of()), "other", "prod", Role.DEPLOY)).isFalse();
    }

    @Test
    void refusesRemoteActorsWhenNothingIsGranted() {
        var refusal = AccessRules.NONE.refusal(new Actor("U1", FrontEnd.SLACK, "T1", Set.of()), "hello", "dev", Role.LOCK);
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo("role:lock");
            assertThat(r.reason()).contains("U1@T1 (slack)", "lock role", "hello/dev");
            assertThat(r.howToUnblock()).contains("slipway.access");
        });
    }

    @Test
    void aRefusalNamesWhoCanHelp() {
        var refusal = rules.refusal(new Actor("U1", FrontEnd.SLACK, "T1", Set.of()), "hello", "prod", Role.APPROVE);
        assertThat(refusal).hasValueSatisfying(r -> assertThat(r.howToUnblock()).contains("U9"));
    }

    @Test
    void readsRoleNamesAndRefusesUnknownOnes() {
        assertThat(Role.parse(" Deploy ")).isEqualTo(Role.DEPLOY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Role.parse("admin")).hasMessageContaining("deploy, approve, rollback, lock");
    }

    @Test
    void aSlackUserIsTheSamePersonThroughTheApiButNotInAnotherTeam() {
        Actor slack = new Actor("U1", FrontEnd.SLACK, "T1", Set.of());
        assertThat(slack.samePersonAs(Actor.of("U1", FrontEnd.API))).isTrue();
        assertThat(slack.samePersonAs(new Actor("U1", FrontEnd.SLACK, "T2", Set.of()))).isFalse();
    }
}
