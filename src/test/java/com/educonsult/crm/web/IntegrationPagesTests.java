package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IntegrationPagesTests extends BrowserTest {

    @Autowired
    IntegrationLog log;

    @Test
    void aProviderIsConnectedWithSealedCredentialsThenDisconnected() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);
        page.navigate("/settings/integrations");
        assertAccessible();
        assertThat(page.locator(".integration-card", new Page.LocatorOptions().setHasText("SMS")))
                .containsText("Not connected");
        screenshot("settings-integrations-1280");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("SMS").setExact(true)).click();
        assertAccessible();
        button("Save and connect").click();
        assertThat(page.locator("#cred-name_0-error")).containsText("at least one credential");
        field("Credential 1 name").fill("api_key");
        field("Credential 1 value").fill("sk_live_sms_123");
        field("Credential 2 value").fill("orphan-value");
        button("Save and connect").click();
        assertThat(page.locator("#cred-name_1-error")).containsText("Name this credential");
        assertThat(field("Credential 1 name")).hasValue("api_key");
        assertThat(field("Credential 1 value")).hasValue("");

        field("Credential 1 value").fill("sk_live_sms_123");
        field("Credential 2 value").fill("");
        button("Save and connect").click();
        assertThat(page.locator(".notice.success")).containsText("SMS is connected");
        assertThat(page.locator(".page-header .badge")).hasText("Connected");
        assertThat(page.locator("body")).containsText("api_key");
        assertThat(page.content()).doesNotContain("sk_live_sms_123");
        screenshot("settings-integration-provider-1280");

        button("Disconnect").click();
        assertThat(page.locator(".page-header .badge")).hasText("Not connected");
        assertThat(api.get("/api/v1/admin/integrations", org.adminToken()).expect(200).raw())
                .doesNotContain("api_key");
    }

    @Test
    void theIntegrationLogShowsWhatCameInAndWentOutAndFiltersByOutcome() {
        Org org = registerOrganization();
        log.record(org.id(), IntegrationLog.Entry.outbound(IntegrationType.FACEBOOK, "GET",
                "https://graph.facebook.com/v21.0/123?access_token=EAAB-secret").answered(500,
                "{\"error\":{\"message\":\"Unsupported get request\"}}", 120).failed("Graph answered 500"));
        log.record(org.id(), IntegrationLog.Entry.inbound(IntegrationType.WEBSITE_FORMS, "/webhooks/forms/abc",
                "{\"name\":\"Asha\"}").answered(200, "{\"success\":true}", 8));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/settings/integrations/logs");
        assertAccessible();
        assertThat(page.locator(".integration-log li")).hasCount(2);
        assertThat(page.content()).doesNotContain("EAAB-secret");
        page.locator(".integration-log summary", new Page.LocatorOptions().setHasText("facebook")).click();
        assertThat(page.locator(".integration-log .error-text")).containsText("Graph answered 500");
        screenshot("settings-integration-log-1280");

        page.getByLabel("Outcome").selectOption("failure");
        button("Show").click();
        assertThat(page.locator(".integration-log li")).hasCount(1);
        assertThat(page.navigate("/settings/integrations/logs?from=yesterday").status()).isEqualTo(422);
        assertThat(page.locator("#log-from-error")).containsText("must be a date");
        page.setViewportSize(360, 800);
        screenshot("settings-integration-log-360");
    }

    @Test
    void peopleWhoDoNotManageSettingsHaveNoIntegrationsArea() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        signIn(org.slug(), manager.email(), PASSWORD);

        page.navigate("/settings");
        assertThat(page.locator(".settings-nav")).not().containsText("Integrations");
        for (String url : new String[] {"/settings/integrations", "/settings/integrations/sms",
                "/settings/integrations/logs"}) {
            assertThat(page.navigate(url).status()).as(url).isEqualTo(403);
        }
        assertThat(api.post("/api/v1/admin/integrations/sms/connect", manager.token(),
                Map.of("credentials", Map.of("k", "v"))).status()).isEqualTo(403);
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
