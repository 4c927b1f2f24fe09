package dev.slipway.adapter.http;

import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.in.Locks;
import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acting from the dashboard in the system's headless Chromium: approve, reject, deploy with the plan first, lock and
 * unlock, roll back to a chosen version; every action goes through a confirmation page and the same use cases as the
 * other front ends. bob (who may only deploy to dev) sees no button for what his roles do not allow, and a form posted
 * without the session's CSRF token is refused.
 */
@SpringBootTest(classes = TestSlipway.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardActionsIT {

    static final Actor OPERATOR = new Actor("operator", FrontEnd.CLI, "", Set.of());

    static HeadlessChromium chromium;
    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    TestSlipway.World world;

    @Autowired
    Deploy deploy;

    @Autowired
    Locks locks;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) chromium.close();
    }

    @BeforeEach
    void signInAsAlice() {
        signIn(TestSlipway.ALICE_TOKEN);
    }

    @AfterEach
    void unlockEverything() {
        locks.locks().forEach(l -> locks.unlock(new Locks.UnlockCommand(java.util.Optional.of(l.key().service()), l.key().environment(), OPERATOR)));
    }

    @Test
    void anApproverSeesWhoMayApproveAndUntilWhenThenApprovesAndTheDeploymentRuns() {
        Deployment waiting = awaitingApproval("Ready for production");

        browser.get(url("/deployments/" + waiting.id()));
        assertThat(browser.findElement(By.cssSelector("section.approval")).getText()).contains("Waiting for approval from alice").contains("UTC");
        browser.findElement(By.linkText("Approve…")).click();

        assertHeading(h -> h.equals("Approve web %s on prod?".formatted(waiting.release().tag())), "names the approval");
        assertThat(browser.findElement(By.cssSelector("dd.approvers")).getText()).isEqualTo("alice");
        assertThat(browser.findElement(By.cssSelector("dd.expiry")).getText()).contains("UTC");
        assertThat(world.registry.find(waiting.id()).orElseThrow().status()).as("nothing before the confirmation").isEqualTo(Status.AWAITING_APPROVAL);
        browser.findElement(By.id("why")).sendKeys("checked the migration");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();

        try {
            chromium.await().until(b -> b.getCurrentUrl().endsWith("/deployments/" + waiting.id())
                    && b.findElement(By.cssSelector("p.state")).getText().contains("succeeded"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the approved deployment never showed as succeeded; the browser is at %s showing:%n%s%nregistry: %s"
                    .formatted(browser.getCurrentUrl(), browser.findElement(By.tagName("main")).getText(), world.registry.find(waiting.id())), e);
        }
        Deployment done = world.registry.find(waiting.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(done.approval().orElseThrow().decidedBy().orElseThrow().id()).isEqualTo("alice");
    }

    @Test
    void anApproverRejectsWithAReasonAndNothingRuns() {
        Deployment waiting = awaitingApproval("Not this one");

        browser.get(url("/deployments/" + waiting.id()));
        browser.findElement(By.linkText("Reject…")).click();
        assertHeading(h -> h.startsWith("Reject web"), "starts with Reject web");
        browser.findElement(By.id("why")).sendKeys("wrong week");
        browser.findElement(By.cssSelector("button.danger")).sendKeys(Keys.ENTER);

        chromium.await().until(b -> b.findElement(By.cssSelector("p.state")).getText().contains("cancelled"));
        Deployment rejected = world.registry.find(waiting.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(Status.CANCELLED);
        assertThat(rejected.failure()).hasValueSatisfying(f -> assertThat(f).contains("alice").contains("wrong week"));
        assertThat(rejected.steps()).isEmpty();
    }

    @Test
    void deployShowsThePlanFirstThenDeploysWhatItShowed() {
        world.commit("web", "Planned change");
        int before = deploymentsOf("dev").size();

        browser.get(url("/services/web"));
        browser.findElement(By.linkText("Deploy web/dev…")).click();

        assertHeading(h -> h.equals("Deploy web to dev?"), "is Deploy web to dev?");
        String plannedTag = browser.findElement(By.cssSelector("dd.tag")).getText().split(" ")[0];
        assertThat(browser.findElement(By.cssSelector("ul.commits")).getText()).contains("Planned change");
        assertThat(deploymentsOf("dev")).as("a plan deploys nothing").hasSize(before);
        browser.findElement(By.cssSelector("button.danger")).click();

        chromium.await().until(b -> b.getCurrentUrl().contains("/deployments/") && b.findElement(By.cssSelector("p.state")).getText().contains("succeeded"));
        Deployment deployed = deploymentsOf("dev").getFirst();
        assertThat(deployed.release().tag()).isEqualTo(plannedTag);
        assertThat(deployed.requestedBy().id()).isEqualTo("alice");
    }

    @Test
    void refusesToDeployWhenTheBranchMovedAfterThePlanWasShownAndDeploysNothingUnseen() {
        world.commit("web", "Planned change");
        long before = deploymentsOf("dev").stream().filter(d -> d.status() != Status.CANCELLED).count();
        browser.get(url("/services/web"));
        browser.findElement(By.linkText("Deploy web/dev…")).click();
        assertThat(browser.findElement(By.cssSelector("ul.commits")).getText()).contains("Planned change");

        world.commit("web", "Pushed while alice read the plan");
        browser.findElement(By.cssSelector("button.danger")).click();

        assertHeading(h -> h.startsWith("Refused by plan-changed"), "names the rule");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).as(page).contains("moved since the plan was shown").contains("look at the new plan and confirm it again");
        // The refusal is recorded where the request pointed (cancelled, no step); nothing else was started.
        assertThat(deploymentsOf("dev")).as("nothing deployed that alice did not see").filteredOn(d -> d.status() != Status.CANCELLED).hasSize((int) before);
        assertThat(deploymentsOf("dev").getFirst()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(Status.CANCELLED);
            assertThat(d.steps()).isEmpty();
        });
    }

    @Test
    void promotesWhatDevRunsToProdAfterSayingWhatItWillDo() {
        Deployment onDev = deployed("Worth promoting");

        browser.get(url("/services/web"));
        browser.findElement(By.linkText("Promote dev to prod…")).click();
        assertHeading(h -> h.equals("Promote web dev to prod?"), "is Promote web dev to prod?");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("dev runs " + onDev.release().tag()).contains("once an approver agrees");
        browser.findElement(By.cssSelector("button.danger")).click();

        chromium.await().until(b -> b.getCurrentUrl().contains("/deployments/") && b.findElement(By.cssSelector("p.state")).getText().contains("awaiting approval"));
        Deployment promotion = deploymentsOf("prod").getFirst();
        assertThat(promotion.kind()).isEqualTo(Kind.PROMOTE);
        assertThat(promotion.release().commit()).isEqualTo(onDev.release().commit());
        assertThat(promotion.requestedBy().id()).isEqualTo("alice");
        assertThat(browser.findElements(By.linkText("Approve…"))).as("alice asked: someone else approves").isEmpty();
    }

    @Test
    void locksWithAReasonAndUnlocks() {
        browser.get(url("/services/web"));
        browser.findElement(By.linkText("Lock web/dev…")).click();
        browser.findElement(By.id("reason")).sendKeys("database migration");
        browser.findElement(By.cssSelector("button.danger")).click();

        chromium.await().until(b -> b.getCurrentUrl().endsWith("/services/web"));
        WebElement dev = browser.findElement(By.cssSelector("section[data-environment=dev]"));
        assertThat(dev.getText()).contains("locked by alice: database migration");
        assertThat(locks.locks()).anySatisfy(l -> assertThat(l.reason()).isEqualTo("database migration"));

        dev.findElement(By.linkText("Unlock web/dev…")).click();
        assertHeading(h -> h.equals("Unlock web/dev?"), "is Unlock web/dev?");
        browser.findElement(By.cssSelector("button.danger")).click();

        chromium.await().until(b -> b.getCurrentUrl().endsWith("/services/web"));
        assertThat(browser.findElement(By.cssSelector("section[data-environment=dev]")).getText()).doesNotContain("locked by");
        assertThat(locks.locks()).isEmpty();
    }

    @Test
    void rollsBackToAChosenVersionNamingTheCommitsItRemoves() {
        Deployment first = deployed("Release one");
        deployed("Release two");
        Deployment third = deployed("Release three");

        browser.get(url("/environments/web/dev/rollback"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(third.release().tag() + " runs there now");
        WebElement choice = browser.findElement(By.cssSelector("input[name=to][value='%s']".formatted(first.release().tag())));
        WebElement label = choice.findElement(By.xpath("./ancestor::label/following-sibling::div[1]"));
        assertThat(label.getText()).contains("Release two").contains("Release three").doesNotContain("Release one");
        choice.click();
        browser.findElement(By.cssSelector("button.danger")).click();

        chromium.await().until(b -> b.getCurrentUrl().contains("/deployments/") && b.findElement(By.cssSelector("p.state")).getText().contains("succeeded"));
        Deployment rollback = deploymentsOf("dev").stream().filter(d -> d.kind() == Kind.ROLLBACK).findFirst().orElseThrow();
        assertThat(rollback.release().tag()).isEqualTo(first.release().tag());
        assertThat(rollback.requestedBy().id()).isEqualTo("alice");
    }

    @Test
    void someoneWithoutTheRoleSeesNoButtonForIt() {
        Deployment waiting = awaitingApproval("Bob cannot approve this");
        deployed("Something to roll back");
        browser.manage().deleteAllCookies();
        signIn(TestSlipway.BOB_TOKEN);
        try {
            browser.get(url("/services/web"));
            WebElement dev = browser.findElement(By.cssSelector("section[data-environment=dev]"));
            WebElement prod = browser.findElement(By.cssSelector("section[data-environment=prod]"));
            assertThat(dev.findElements(By.linkText("Deploy web/dev…"))).as("bob may deploy to dev").hasSize(1);
            assertThat(dev.findElements(By.partialLinkText("Lock"))).isEmpty();
            assertThat(dev.findElements(By.partialLinkText("Roll back"))).isEmpty();
            assertThat(prod.findElements(By.cssSelector("a.button"))).isEmpty();
            assertThat(prod.getText()).contains("Your roles allow no action here.");

            browser.get(url("/deployments/" + waiting.id()));
            chromium.await().until(b -> b.findElement(By.cssSelector("section.approval")).getText().contains("Your roles do not let you decide on it."));
            assertThat(browser.findElements(By.linkText("Approve…"))).isEmpty();
            assertThat(browser.findElements(By.linkText("Reject…"))).isEmpty();

            // Typing the address of a confirmation does not get round the core: the post is refused by bob's roles.
            browser.get(url("/environments/web/dev/lock"));
            browser.findElement(By.id("reason")).sendKeys("bob tries");
            browser.findElement(By.cssSelector("button.danger")).click();
            assertHeading(h -> h.equals("Refused by role:lock"), "is Refused by role:lock");
            assertThat(locks.locks()).isEmpty();
        } finally {
            browser.manage().deleteAllCookies();
        }
    }

    @Test
    void aFormPostedWithoutTheSessionsCsrfTokenIsRefused() {
        browser.get(url("/services/web"));
        // A forged form: the right cookie rides along, but the page that built it never knew the session's token.
        ((JavascriptExecutor) browser).executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/environments/web/dev/lock';
                const reason = document.createElement('input');
                reason.name = 'reason'; reason.value = 'forged';
                const token = document.createElement('input');
                token.name = '_csrf'; token.value = 'not-the-token';
                form.append(reason, token);
                document.body.append(form);
                form.submit();""");

        chromium.await().until(b -> b.getCurrentUrl().endsWith("/environments/web/dev/lock"));
        assertThat(browser.getPageSource()).contains("this form did not come from this dashboard");
        assertThat(locks.locks()).isEmpty();
    }

    // ---- helpers ----

    private void signIn(String token) {
        browser.get(url("/services/web"));
        if (!browser.getCurrentUrl().contains("/signin")) return;
        WebElement field = browser.findElement(By.id("token"));
        field.sendKeys(token);
        field.sendKeys(Keys.ENTER);
        chromium.await().until(b -> b.getCurrentUrl().endsWith("/services/web"));
    }

    private Deployment awaitingApproval(String subject) {
        world.commit("web", subject);
        DeploymentOutcome outcome = deploy.deploy(DeployCommand.of("web", "prod", OPERATOR));
        assertThat(outcome).isInstanceOf(DeploymentOutcome.AwaitingApproval.class);
        return ((DeploymentOutcome.AwaitingApproval) outcome).deployment();
    }

    private Deployment deployed(String subject) {
        world.commit("web", subject);
        DeploymentOutcome outcome = deploy.deploy(DeployCommand.of("web", "dev", OPERATOR));
        assertThat(outcome).isInstanceOf(DeploymentOutcome.Succeeded.class);
        try {
            Thread.sleep(5);  // distinct creation times keep the history's order unambiguous
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ((DeploymentOutcome.Succeeded) outcome).deployment();
    }

    private List<Deployment> deploymentsOf(String environment) {
        return world.registry.history(HistoryQuery.of("web", environment, 1000));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The page's heading once it says what {@code wanted} accepts: a click on a form's button returns before the next page is there. */
    private void assertHeading(java.util.function.Predicate<String> wanted, String what) {
        try {
            chromium.await().until(b -> wanted.test(b.findElement(By.tagName("h1")).getText()));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(browser.findElement(By.tagName("h1")).getText()).as("the heading %s", what).matches(wanted::test);
        }
    }
}
