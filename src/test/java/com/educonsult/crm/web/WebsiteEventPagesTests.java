package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebsiteEventPagesTests extends BrowserTest {

    private com.microsoft.playwright.Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private String publicKey(Org org) {
        return api.get("/api/v1/analytics/public-key", org.adminToken()).expect(200).data().get("public_key")
                .asString();
    }

    @Test
    void anAdministratorIssuesTheKeyPastesTheSnippetAndSeesTheEventsItSends() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);
        page.navigate("/settings/integrations");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Website events")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No key yet"))).isVisible();
        assertThat(page.locator("#website-event-counts")).containsText("No events yet");
        assertAccessible();
        screenshot("settings-website-events-empty-1280");

        page.getByLabel("Sites allowed to send (one a line)").fill("not a site");
        button("Issue the key").click();
        assertThat(page.locator(".notice.error")).containsText("must be an origin");
        page.getByLabel("Sites allowed to send (one a line)").fill(baseUrl());
        button("Issue the key").click();
        assertThat(page.locator(".notice.success")).containsText("The key is ready");
        String key = publicKey(org);
        assertThat(page.getByLabel("Public key")).hasValue(key);
        assertThat(page.getByLabel("Snippet")).hasValue(java.util.regex.Pattern.compile(
                "/api/v1/analytics/events\\?key=" + key));
        assertThat(page.locator("#origins")).hasValue(baseUrl());

        // the snippet as a website runs it, from an allowed origin: a page view, then an event of the page's own
        String script = page.getByLabel("Snippet").inputValue().replace("<script>", "").replace("</script>", "");
        page.evaluate(script);
        page.evaluate("educonsultTrack('brochure_downloaded', {course: 'MBA'})");
        page.waitForCondition(() -> api.get("/api/v1/analytics/events/counts", org.adminToken()).expect(200).data()
                .get("total").asLong() == 2);
        page.reload();
        assertThat(page.locator("#website-event-counts")).containsText("2 events");
        assertThat(page.locator("#website-event-counts table.table")).containsText("page_view");
        assertThat(page.locator("#website-event-counts table.table")).containsText("brochure_downloaded");
        assertThat(page.locator("canvas[data-chart='website-events-per-day']")).hasAttribute("data-drawn", "true");
        assertAccessible();
        screenshot("settings-website-events-1280");

        button("Rotate the key").click();
        assertThat(page.locator(".notice.success")).containsText("the old one is refused");
        assertThat(publicKey(org)).isNotEqualTo(key);
        assertThat(page.getByLabel("Public key")).hasValue(publicKey(org));

        page.locator("#origins").fill("https://www.example.com\nhttps://apply.example.com");
        button("Save the sites").click();
        assertThat(page.locator(".notice.success")).containsText("saved");
        assertThat(api.get("/api/v1/analytics/public-key", org.adminToken()).data().get("allowed_origins").size())
                .isEqualTo(2);

        button("Revoke").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No key yet"))).isVisible();
        api.get("/api/v1/analytics/public-key", org.adminToken()).expect(404);
    }

    @Test
    void aManagerCannotOpenTheWebsiteEventsPage() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        signIn(org.slug(), manager.email(), PASSWORD);
        assertThat(page.navigate("/settings/integrations/website-events").status()).isEqualTo(403);
        api.post("/api/v1/analytics/public-key", manager.token(), Map.of()).expect(403);
    }
}
