package dev.slipway.adapter.http;

import dev.slipway.application.port.in.Deploy;
import dev.slipway.application.port.in.Deploy.DeployCommand;
import dev.slipway.application.port.in.DeploymentOutcome;
import dev.slipway.application.port.out.DeploymentRegistry.HistoryQuery;
import dev.slipway.domain.deployment.Actor;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.DeploymentId;
import dev.slipway.domain.deployment.FrontEnd;
import dev.slipway.domain.deployment.Kind;
import dev.slipway.domain.deployment.Status;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static dev.slipway.application.port.out.DeploymentRegistryContract.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in the system's headless Chromium ({@link HeadlessChromium}), driven by Selenium through the system's
 * chromedriver; nothing is downloaded.
 */
@SpringBootTest(classes = TestSlipway.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardIT {

    static final Actor OPERATOR = new Actor("operator", FrontEnd.CLI, "", java.util.Set.of());

    static HeadlessChromium chromium;
    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    TestSlipway.World world;

    @Autowired
    Deploy deploy;

    @Autowired
    @Qualifier("deploymentExecutor")
    ExecutorService executor;

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
    void signIn() {
        browser.get(url("/"));
        if (!browser.getCurrentUrl().contains("/signin")) return;
        WebElement token = browser.findElement(By.id("token"));
        assertThat(browser.findElement(By.cssSelector("label[for=token]")).getText()).isEqualTo("API token");
        token.sendKeys(TestSlipway.ALICE_TOKEN);
        token.sendKeys(Keys.ENTER);
        await().until(b -> b.findElements(By.cssSelector("table.history")).size() == 1);
    }

    @Test
    void theHistoryShowsTagEnvironmentKindStatusNameRequesterStartDurationAndCommits() {
        deployed("web", "Readable history");
        browser.get(url("/"));
        List<String> headings = browser.findElements(By.cssSelector("table.history thead th")).stream().map(WebElement::getText).toList();
        assertThat(headings).containsExactly("Tag", "Environment", "Kind", "Status", "Name", "Requested by", "Started", "Duration", "Commits");
        WebElement row = browser.findElement(By.cssSelector("table.history tbody tr.deployment"));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells).hasSize(9);
        assertThat(cells.get(0).getText()).contains("-dev");
        assertThat(cells.get(1).getText()).isEqualTo("web/dev");
        assertThat(cells.get(2).getText()).isEqualTo("deploy");
        assertThat(cells.get(3).getText()).isEqualTo("succeeded");
        assertThat(cells.get(4).getText()).startsWith("Readable history");
        assertThat(cells.get(5).getText()).isEqualTo("operator");
        assertThat(cells.get(6).getText()).endsWith("UTC");
        assertThat(cells.get(7).getText()).matches("[0-9.]+ (ms|s)|\\d+ min \\d+ s");
        assertThat(cells.get(8).getText()).contains("commit");
    }

    @Test
    void theHistoryFiltersByEnvironmentsStatusAndDaysAndShowsFailuresInColourAndInWords() {
        Instant day = Instant.parse("2026-11-24T09:00:00Z");
        // Neither failed nor cancelled deployments change what an environment runs, so the other tests sharing web never see these.
        world.registry.save(aDeployment("00000000ab01").of("web").to("dev").status(Status.FAILED).createdAt(day).finishedAt(day.plusSeconds(40)).build());
        world.registry.save(aDeployment("00000000ab02").of("web").to("prod").status(Status.CANCELLED).createdAt(day.plusSeconds(60))
                .finishedAt(day.plusSeconds(90)).build());
        world.registry.save(aDeployment("00000000ab03").of("web").to("dev").status(Status.CANCELLED).createdAt(day.minusSeconds(86_400))
                .finishedAt(day.minusSeconds(86_000)).build());

        browser.get(url("/?service=web&environment=dev&environment=prod&from=2026-11-24&to=2026-11-24"));
        List<String> ids = browser.findElements(By.cssSelector("table.history tbody tr.deployment td:first-child a")).stream()
                .map(a -> a.getAttribute("href").replaceAll(".*/", "")).toList();
        assertThat(ids).containsExactly("00000000ab02", "00000000ab01");
        WebElement failed = browser.findElement(By.cssSelector("table.history tbody tr.failure"));
        assertThat(failed.getText()).contains("failed");
        assertThat(failed.findElement(By.cssSelector(".status")).getAttribute("class")).contains("status-bad");
        assertThat(failed.findElement(By.tagName("td")).getCssValue("background-color")).isNotEqualTo(
                browser.findElement(By.cssSelector("table.history tbody tr.deployment:not(.failure) td")).getCssValue("background-color"));
        assertThat(browser.findElements(By.cssSelector("input[name=environment]:checked"))).extracting(e -> e.getAttribute("value"))
                .containsExactly("dev", "prod");

        browser.get(url("/?service=web&status=failed&from=2026-11-24&to=2026-11-24"));
        assertThat(browser.findElements(By.cssSelector("table.history tbody tr.deployment"))).hasSize(1);
        browser.get(url("/?service=web&status=exploded"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("'exploded' is not a status");
    }

    @Test
    void theRollbackButtonAsksFirstThenRollsBack() {
        Deployment first = deployed("web", "Release one");
        Deployment second = deployed("web", "Release two");
        browser.get(url("/"));

        browser.findElement(By.linkText("Roll back web/dev…")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Roll back web/dev?");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(second.release().tag() + " runs there now");
        assertThat(rollbacksOf("web")).as("nothing happens before the confirmation").isEmpty();

        // Confirm with the keyboard: the button is a real button in a real form.
        browser.findElement(By.cssSelector("button.danger")).sendKeys(Keys.ENTER);
        await().until(b -> b.getCurrentUrl().contains("/deployments/") && b.findElement(By.cssSelector("p.state")).getText().contains("succeeded"));

        List<Deployment> rollbacks = rollbacksOf("web");
        assertThat(rollbacks).hasSize(1);
        assertThat(rollbacks.getFirst().release().tag()).isEqualTo(first.release().tag());
        assertThat(rollbacks.getFirst().requestedBy().id()).isEqualTo("alice");
        assertThat(browser.findElement(By.id("deployment-title")).getText()).isEqualTo("web %s on dev".formatted(first.release().tag()));
    }

    @Test
    void aRunningDeploymentsPageUpdatesByItself() throws Exception {
        world.commit("web", "Watched while running");
        world.target.close();
        Future<DeploymentOutcome> running;
        String key = "dashboard-it:" + System.nanoTime();
        String id = DeploymentId.forRequest(key).value();
        try {
            DeployCommand command = new DeployCommand(Optional.of("web"), "dev", Optional.empty(), Optional.empty(), Optional.of("Watched"),
                    Optional.empty(), Duration.ZERO, Optional.empty(), OPERATOR, Optional.of(key));
            running = executor.submit(() -> deploy.deploy(command));
            awaitRegistry(() -> world.registry.find(DeploymentId.of(id)).filter(d -> d.status() == Status.RUNNING).isPresent());

            browser.get(url("/deployments/" + id));
            assertThat(browser.findElement(By.cssSelector("p.state")).getText()).isEqualTo("Status: running");
            world.target.open();
            // No reload: the page hears the change over server-sent events (or its polling) and redraws itself.
            await().until(b -> b.findElement(By.cssSelector("p.state")).getText().equals("Status: succeeded"));
            assertThat(browser.findElements(By.cssSelector("table.steps tbody tr")).size()).isGreaterThan(3);
        } finally {
            world.target.open();
        }
        assertThat(running.get()).isInstanceOf(DeploymentOutcome.Succeeded.class);
    }

    private Deployment deployed(String service, String subject) {
        world.commit(service, subject);
        DeploymentOutcome outcome = deploy.deploy(new DeployCommand(Optional.of(service), "dev", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ZERO, Optional.empty(), OPERATOR));
        assertThat(outcome).isInstanceOf(DeploymentOutcome.Succeeded.class);
        try {
            Thread.sleep(5);  // distinct creation times keep the history's order unambiguous
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ((DeploymentOutcome.Succeeded) outcome).deployment();
    }

    private List<Deployment> rollbacksOf(String service) {
        return world.registry.history(HistoryQuery.of(service, "dev", 1000)).stream().filter(d -> d.kind() == Kind.ROLLBACK).toList();
    }

    private static void awaitRegistry(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the deployment never started running");
            Thread.sleep(20);
        }
    }

    private static WebDriverWait await() {
        return chromium.await();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
