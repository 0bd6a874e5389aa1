package com.pnhub.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;

/**
 * Each console page in headless Chromium, against the service as the Run command starts it. A page that logs a
 * script error or a refused resource (a broken script, a content-security-policy violation) fails its test.
 * Screenshots go to target/console/screenshots.
 */
class ConsoleBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("pnhub.console.output", "target/console"), "screenshots");
    private static final double TIMEOUT_MS = 30_000;

    private static LocalWorld world;
    private static Playwright playwright;
    private static Browser browser;

    private BrowserContext context;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void startTheWorldAndTheBrowser() {
        Path chromium = Chromium.executable();
        world = LocalWorld.start();
        // the browser comes from Debian's package: Playwright must not try to download its own
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void stopThem() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @BeforeEach
    void openATab() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000).setLocale("en-GB")
                .setTimezoneId("UTC"));
        context.setDefaultTimeout(TIMEOUT_MS);
        page = context.newPage();
        page.onPageError(error -> pageErrors.add("page error: " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                pageErrors.add("console error: " + message.text());
            }
        });
        page.onDialog(dialog -> dialog.accept());
    }

    @AfterEach
    void closeTheTab(TestInfo test) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SHOTS.resolve(test.getTestMethod().orElseThrow().getName() + "-last.png")));
        context.close();
        assertThat(pageErrors).as("errors in the page").isEmpty();
    }

    @Test
    void canSignInAndOpenEveryPageAsAnOperator() {
        page.navigate(world.baseUrl() + "/console");
        assertThat(page.locator("#token")).isVisible();
        shot("login");
        signIn("operator");

        assertThat(page.locator("#pool-table tbody tr.platform")).hasCount(3);
        assertThat(page.locator("#pool-table")).containsText("阿里云");
        // the service samples the pool once a minute on the Run command's defaults: the first sample may be a minute away
        openUntil("#/pool", "#pool-history svg.chart", 3);
        shot("pool");

        open("#/numbers?platform=3");
        assertThat(page.locator("#numbers-table tbody tr")).hasCount(50);
        assertThat(page.locator("#number-list")).containsText("200 numbers");
        assertThat(page.locator("#number-filters input[name=phoneA]")).hasCount(0);
        shot("numbers");

        open("#/providers");
        assertThat(page.locator("#providers-table tbody tr")).hasCount(3);
        assertThat(page.locator("#providers-table")).containsText("CLOSED");
        shot("providers");

        open("#/reconciliation");
        page.locator("#run-pool").selectOption("17");
        assertThat(page.locator("#start-repair")).isDisabled();
        page.locator("#start-dry-run").click();
        // the restarted world agrees with itself: a dry run over the demo pool finds nothing
        assertThat(page.locator("#no-findings")).hasText("no findings", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(60_000));
        shot("reconciliation");

        open("#/messages");
        assertThat(page.locator("#queues-table tbody tr")).hasCount(3);
        assertThat(page.locator("#publisher-lag")).isVisible();
        shot("messages");

        open("#/projections");
        assertThat(page.locator("#projections-table tbody tr")).hasCount(4);
        assertThat(page.locator("#projections-table button.replay").first()).isDisabled();
        shot("projections");
    }

    @Test
    void canFollowANumberFromBindToReleaseOnItsTimelineAndAskWhoHeldItThen() {
        String x = "17300000001";
        ok(world.hub("BindAxNumber", "userid", "51218", "regionid", "1", "private_number", x, "addUser", "1", "lastUser", "1"));
        ok(world.hub("GetCallNumber", "xbid", "0", "userid", "51218", "Mapclassid", "3", "Mapid", "880011",
                "Contactmapclassid", "0", "Contactid", "0", "Mobile", "13700051234", "expiration", "120"));
        ok(world.hub("UnBindAgentNumber", "userid", "51218", "private_number", x));
        ok(world.hub("ReleaseTelX", "userId", "51218", "private_number", x));

        page.navigate(world.baseUrl() + "/console/");
        signIn("auditor");
        open("#/numbers");
        page.locator("#number-search input[name=x]").fill(x);
        page.locator("#number-search button").click();
        Locator timeline = page.locator("#timeline");
        for (String type : List.of("NumberRegisteredEvent", "AxBindRequestedEvent", "AxBoundEvent", "XbBoundEvent",
                "AxUnboundEvent", "NumberReleasedEvent")) {
            assertThat(timeline.locator("li[data-type=" + type + "]").first()).isVisible();
        }
        assertThat(timeline.locator("li[data-type=AxBoundEvent]")).containsText("via LEGACY_HTTP");
        assertThat(timeline.locator("li[data-type=AxBoundEvent]")).containsText("request ");
        // an auditor sees the real phone of the holder
        assertThat(timeline.locator("li[data-type=AxBoundEvent]")).containsText("13470110001");

        timeline.locator("li[data-type=AxBoundEvent] .when").click();
        assertThat(page.locator("#holder")).containsText("held by agent 51218");
        timeline.locator("li[data-type=NumberRegisteredEvent] .when").click();
        assertThat(page.locator("#holder")).containsText("held by nobody");
        shot("number-life");

        // an auditor finds an agent's numbers by the agent's real phone, and that search is an audit read
        ok(world.hub("BindAxNumber", "userid", "51218", "regionid", "1", "private_number", "17300000002", "addUser", "1",
                "lastUser", "1"));
        // the list is a read model, a moment behind the bind's answer
        openUntil("#/numbers?phoneA=13470110001", "#numbers-table tbody tr", 1);
        assertThat(page.locator("#numbers-table")).containsText("17300000002");
        assertThat(world.api("auditor", "GET", "/api/v1/audit/reads?limit=5").toString())
                .contains("search-by-phone").contains("13470110001");

        // a viewer sees the number's state but not its history, and no real phone
        page.locator("#sign-out").click();
        signIn("viewer");
        open("#/number/" + x);
        assertThat(page.locator("#life")).containsText("needs the auditor role");
        open("#/numbers?userId=51218");
        assertThat(page.locator("#numbers-table")).not().containsText("13470110001");
    }

    @Test
    void canRedriveADeadLetterAndSeeItConsumedAndDiscardAnotherWithANote() throws Exception {
        String queue = "service_exchange1_SetBlackNumber";
        String customer = "13470119" + String.format("%03d", (int) (Math.random() * 1000));
        deadLetter(queue, "{\"platId\":3,\"private_number\":\"" + customer + "\",\"action\":\"add\",\"userid\":\"74705\",\"type\":0}",
                "the blacklist was down");
        deadLetter(queue, "{\"platId\":3,\"private_number\":\"not a number\",\"action\":\"add\",\"userid\":\"74705\",\"type\":0}",
                "private_number 不是有效的手机号码");

        page.navigate(world.baseUrl() + "/console/");
        signIn("operator");
        open("#/messages/" + queue);
        Locator letters = page.locator("#dead-letters-table tbody tr");
        assertThat(letters).hasCount(2);
        shot("dead-letters");

        letters.filter(new Locator.FilterOptions().setHasText("the blacklist was down")).locator("button.redrive").click();
        assertThat(page.locator("#flash")).containsText("re-driven");
        assertThat(letters).hasCount(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(world.api("auditor", "GET", "/api/v1/blacklist").toString()).contains(customer));

        Locator invalid = letters.filter(new Locator.FilterOptions().setHasText("not a number"));
        invalid.locator("input.discard-note").fill("a test message, not from MIS");
        invalid.locator("button.discard").click();
        assertThat(page.locator("#no-dead-letters")).isVisible();
        Locator actions = page.locator("#actions-table tbody");
        assertThat(actions).containsText("REDRIVEN");
        assertThat(actions).containsText("DISCARDED");
        assertThat(actions).containsText("a test message, not from MIS");
        assertThat(page.locator("#queues-table tbody tr").filter(new Locator.FilterOptions().setHasText(queue)))
                .not().hasClass(Pattern.compile("warning"));
        shot("dead-letters-done");
    }

    @Test
    void canReplayAProjectionAndWatchItsProgressReachAHundredPercent() {
        page.navigate(world.baseUrl() + "/console/");
        signIn("admin");
        open("#/projections");
        Locator row = page.locator("#projections-table tr[data-name=number-view]");
        row.locator("button.replay").click();
        assertThat(page.locator("#flash")).containsText("replay of number-view started");
        assertThat(row.locator(".replay-percent")).hasText("100 %");
        assertThat(row.locator(".badge")).hasText("running");
        assertThat(row.locator("progress")).hasAttribute("value", "100");
        shot("projections-replayed");
        // the rebuilt read model still answers
        JsonNode numbers = world.api("viewer", "GET", "/api/v1/numbers?platform=1&size=1");
        assertThat(numbers.get("total").asInt()).isEqualTo(200);
    }

    private void signIn(String role) {
        assertThat(page.locator("#token")).isVisible();
        page.locator("#token").fill(world.token(role));
        page.locator("#sign-in").click();
        assertThat(page.locator("#who")).containsText(role);
        assertThat(page.locator("#pool-table")).isVisible();
    }

    private void open(String hash) {
        page.navigate(world.baseUrl() + "/console/" + hash);
        awaitTheView();
    }

    private void awaitTheView() {
        assertThat(page.getByRole(AriaRole.HEADING).first()).isVisible();
        page.waitForFunction("() => !document.querySelector('#view').textContent.includes('Loading…')");
    }

    /** Loads the view again until it shows {@code count} of {@code selector}: for data that arrives a while later. */
    private void openUntil(String hash, String selector, int count) {
        open(hash);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (page.locator(selector).count() < count && System.nanoTime() < deadline) {
            page.waitForTimeout(2_000);
            // not open(hash) again: navigating to the URL the tab shows is a same-document fragment navigation, which
            // neither reloads the page nor fires hashchange, so the view kept what it rendered first (a CI failure)
            page.reload();
            awaitTheView();
        }
        assertThat(page.locator(selector)).hasCount(count);
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SHOTS.resolve(name + ".png")));
    }

    private static void ok(JsonNode envelope) {
        assertThat(envelope.get("ResultCode").asInt()).as(envelope.toString()).isEqualTo(2000);
    }

    /** A dead letter as the bridge writes one (docs/messaging.md), put straight on the dead-letter queue. */
    private static void deadLetter(String queue, String body, String reason) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(world.amqpHost());
        factory.setPort(world.amqpPort());
        factory.setVirtualHost(world.amqpVirtualHost());
        // the embedded broker's one user (local-infra AmqpBroker), reachable on loopback only
        factory.setUsername("guest");
        factory.setPassword("guest");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .deliveryMode(2).headers(Map.of("x-dlq-reason", reason, "x-dlq-error-code", "INVALID_PARAMETER",
                            "x-dlq-queue", queue, "x-dlq-failed-at", Instant.now().toString(), "x-dlq-deliveries", 1))
                    .build();
            channel.basicPublish("", queue + ".dlq", properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }
}
