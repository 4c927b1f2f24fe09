package dev.slipway.adapter.shell;

import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.junit.jupiter.api.Test;
import org.springframework.shell.jline.ExtendedDefaultParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.slipway.adapter.shell.Fixtures.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

class SlipwayCompleterTest {

    private final Harness slipway = new Harness(Fixtures.twoServices(), Map.of("SLIPWAY_ACTOR", "ci"));
    private final SlipwayCompleter completer = new SlipwayCompleter(slipway.registry);

    private List<String> complete(String line, String group) {
        ParsedLine parsed = new ExtendedDefaultParser().parse(line, line.length(), null);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates.stream().filter(c -> group == null || group.equals(c.group())).map(Candidate::value).toList();
    }

    @Test
    void offersTheCommandsFirst() {
        assertThat(complete("", null)).contains("deploy", "plan", "rollback", "promote", "approve", "reject", "status", "history", "show",
                "lock", "unlock", "help");
    }

    @Test
    void offersTheEnvironmentsOfEveryServiceForTheFirstArgument() {
        assertThat(complete("deploy ", "environments")).containsExactly("dev", "prod", "staging");
    }

    @Test
    void offersOnlyTheEnvironmentsOfTheServiceNamed() {
        assertThat(complete("deploy --service atta ", "environments")).containsExactly("dev", "staging");
    }

    @Test
    void offersTheServicesAfterServiceEvenWhenAnArgumentCameFirst() {
        assertThat(complete("deploy dev --service ", null)).containsExactly("hello", "atta");
    }

    @Test
    void offersTheVersionsThatRanFromTheHistory() {
        slipway.ports.withHistory(List.of(aDeployment().id("c1b2c3d4e5f6").of("0.1.32-dev", "0.1.32").rolledBack(),
                aDeployment().succeeded(), aDeployment().id("b1b2c3d4e5f6").of("0.1.29-dev", "0.1.29").succeeded()));

        assertThat(complete("rollback dev --service hello --to ", null)).containsExactly("0.1.30-dev", "0.1.31-dev", "0.1.29-dev");
    }

    @Test
    void offersDeploymentsAwaitingApprovalFirst() {
        slipway.ports.withHistory(List.of(aDeployment().succeeded(), aDeployment().id("d1b2c3d4e5f6").awaitingApproval()));

        assertThat(complete("approve ", "deployments")).containsExactly("d1b2c3d4e5f6", "a1b2c3d4e5f6");
    }

    @Test
    void describesEachDeploymentIdWithItsTagEnvironmentAndStatus() {
        slipway.ports.withHistory(List.of(aDeployment().succeeded(), aDeployment().id("d1b2c3d4e5f6").to("prod").of("v0.1.31", "0.1.31").awaitingApproval()));

        ParsedLine parsed = new ExtendedDefaultParser().parse("show ", 5, null);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);

        assertThat(candidates).filteredOn(c -> "deployments".equals(c.group())).extracting(Candidate::descr)
                .containsExactly("v0.1.31 on prod, awaiting approval", "0.1.31-dev on dev, succeeded");
    }

    @Test
    void offersTheBumpsAndTheOutputFormats() {
        assertThat(complete("deploy dev --bump ", null)).containsExactly("patch", "minor", "major");
        assertThat(complete("status --output ", null)).containsExactly("text", "json");
    }

    @Test
    void offersTheOptionsNotTypedYet() {
        assertThat(complete("rollback dev --to 0.1.30-dev --", null))
                .containsExactly("--service", "--lock-wait", "--timeout", "--yes", "--output");
    }

    @Test
    void offersTheDestinationOfAPromotionAsTheSecondArgument() {
        assertThat(complete("promote dev --service hello ", "environments")).containsExactly("dev", "prod");
    }
}
