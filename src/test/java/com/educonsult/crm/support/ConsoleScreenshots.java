package com.educonsult.crm.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: takes the console screenshots shown in the README and {@code docs/console.md}, each page at desktop
 * and at phone width, from a running server with the demo organization (started by {@code mvn spring-boot:run}).
 * Run by {@code docs/screenshots/take.sh [base URL]}; writes {@code docs/screenshots/<page>-desktop.png} and
 * {@code -phone.png}.
 */
public final class ConsoleScreenshots {

    private static final String PASSWORD = "Demo@12345";
    private static final Path OUT = Path.of("docs", "screenshots");

    /** A page to photograph: its file name and how to get there once signed in. */
    private record Shot(String name, String path, java.util.function.Consumer<Page> prepare) {
        Shot(String name, String path) {
            this(name, path, page -> { });
        }
    }

    private static final String SAMPLE_IMPORT = """
            Name,Mobile,Email,City,Course,Country
            Kavya Reddy,98450 11223,kavya.reddy@example.com,Hyderabad,MS Computer Science,Canada
            Arjun Nair,+91 98860 44556,arjun.nair@example.com,Kochi,MBA,UK
            Sneha Kulkarni,9822033445,,Pune,MSc Data Science,Germany
            Imran Sheikh,12345,imran@example,Lucknow,BBA,Australia
            """;

    private ConsoleScreenshots() {
    }

    public static void main(String[] args) {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = BrowserTest.launchChromium(playwright);
            List<Shot> daily = List.of(
                    new Shot("login", "/login"),
                    new Shot("dashboard", "/", page -> page.waitForSelector("canvas")),
                    new Shot("leads", "/leads"),
                    new Shot("lead", null, ConsoleScreenshots::openALeadWithHistory),
                    new Shot("new-lead", "/leads/new"),
                    new Shot("board", "/board"),
                    new Shot("follow-ups", "/follow-ups"),
                    new Shot("calls", "/calls"),
                    new Shot("inbox", "/inbox?view=all", ConsoleScreenshots::openAConversation),
                    new Shot("notifications", "/notifications"));
            List<Shot> admin = List.of(
                    new Shot("import", "/leads/import", ConsoleScreenshots::previewSampleImport),
                    new Shot("settings", "/settings"),
                    new Shot("settings-statuses", "/settings/statuses"),
                    new Shot("settings-users", "/settings/users"),
                    new Shot("settings-roles", "/settings/roles"),
                    new Shot("settings-templates", "/settings/templates"),
                    new Shot("settings-audit", "/settings/audit"),
                    new Shot("campaigns", "/campaigns"),
                    new Shot("campaign-builder", "/campaigns/new"),
                    new Shot("settings-outbox", "/settings/outbox"),
                    new Shot("settings-integrations", "/settings/integrations"),
                    new Shot("settings-web-form", "/settings/integrations/forms", page -> page.getByRole(
                            com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                                    .setName("Website enquiry form")).first().click()));
            for (boolean phone : new boolean[] {false, true}) {
                shoot(browser, base, "manager@demo.educonsult.test", daily, phone);
                shoot(browser, base, "admin@demo.educonsult.test", admin, phone);
            }
        }
    }

    private static void shoot(Browser browser, String base, String login, List<Shot> shots, boolean phone) {
        Browser.NewContextOptions options = new Browser.NewContextOptions().setBaseURL(base)
                .setViewportSize(phone ? 390 : 1366, phone ? 844 : 900)
                .setDeviceScaleFactor(phone ? 2 : 1).setIsMobile(phone).setHasTouch(phone);
        try (BrowserContext context = browser.newContext(options)) {
            Page page = context.newPage();
            boolean signedIn = false;
            for (Shot shot : shots) {
                if (!signedIn && !"login".equals(shot.name())) {
                    signIn(page, login);
                    signedIn = true;
                }
                if (shot.path() != null) {
                    page.navigate(shot.path());
                }
                shot.prepare().accept(page);
                page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
                page.waitForTimeout(400); // charts and live indicators settle
                Path file = OUT.resolve(shot.name() + (phone ? "-phone" : "-desktop") + ".png");
                page.screenshot(new Page.ScreenshotOptions().setPath(file));
                System.out.println(file);
            }
        }
    }

    private static void signIn(Page page, String login) {
        page.navigate("/login");
        page.getByLabel("Organization").fill("demo");
        page.getByLabel("Email or phone").fill(login);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    /** The page of a demo lead with calls, follow-ups and a long stage history. */
    private static void openALeadWithHistory(Page page) {
        page.navigate("/leads?search=Riya%20Sharma");
        page.locator("#lead-rows a[href*='/leads/']").first().click();
        page.waitForURL(url -> url.matches(".*/leads/[0-9a-f-]{36}.*"));
    }

    /** The first conversation of the inbox, when the user sees one. */
    private static void openAConversation(Page page) {
        var conversations = page.locator("a[href*='/inbox/']");
        if (conversations.count() > 0) {
            conversations.first().click();
            page.waitForURL(url -> url.matches(".*/inbox/[0-9a-f-]{36}.*"));
        }
    }

    private static void previewSampleImport(Page page) {
        page.getByLabel("CSV file").setInputFiles(new FilePayload("new-enquiries.csv", "text/csv",
                SAMPLE_IMPORT.getBytes(StandardCharsets.UTF_8)));
        page.locator("#import-preview table").first().waitFor();
    }
}
