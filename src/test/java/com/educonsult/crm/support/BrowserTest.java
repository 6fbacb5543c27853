package com.educonsult.crm.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the console's browser tests: the shared test server, driven by the machine's Chromium through
 * Playwright. One browser serves every test; each test gets a fresh context (no cookies) and page.
 */
public abstract class BrowserTest extends ApiTest {

    /** A failed test leaves a screenshot of its page in target/screenshots/failed, to see what the browser saw. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.AfterTestExecutionCallback screenshotOnFailure = test -> {
        if (test.getExecutionException().isPresent() && this.page != null && !this.page.isClosed()) {
            this.page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Path.of("target", "screenshots", "failed", test.getRequiredTestMethod().getName() + ".png")));
        }
    };

    private static Playwright playwright;
    private static Browser browser;

    protected BrowserContext context;
    protected Page page;

    @BeforeEach
    void openPage() {
        context = browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 860)
                .setBaseURL("http://localhost:" + port));
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(60_000);
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Signs in through the login page and waits for the dashboard. */
    protected void signIn(String organization, String login, String password) {
        page.navigate("/login");
        page.getByLabel("Organization").fill(organization);
        page.getByLabel("Email or phone").fill(login);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    /** Fails on any serious or critical accessibility violation axe-core finds on the page as it is now. */
    /** A lead made through the API (a duplicate allowed), its id. */
    protected UUID createLead(String token, Map<String, ?> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("allow_duplicate", true);
        return UUID.fromString(api.post("/api/v1/leads", token, body).expect(201).data().get("id")
                .asString());
    }

    protected void assertAccessible() {
        AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze();
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .toList();
        assertThat(serious)
                .as("axe violations on %s: %s", page.url(), serious.stream()
                        .map(v -> v.getId() + " " + v.getHelp() + " at " + v.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                        .collect(Collectors.joining("; ")))
                .isEmpty();
    }

    /** Saves a screenshot of the whole page under target/screenshots, for people to look at. */
    protected Path screenshot(String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    private static synchronized Browser browser() {
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = launchChromium(playwright);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    /** The machine's Chromium, headless, without the network chatter of a desktop browser. */
    public static Browser launchChromium(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium())
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage")));
    }

    private static Path chromium() {
        for (String candidate : List.of(System.getenv().getOrDefault("CHROMIUM", ""), "/usr/bin/chromium",
                "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("No Chromium found: install the chromium package (see .ci/run)");
    }
}
