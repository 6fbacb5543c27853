package com.educonsult.crm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.educonsult.crm.support.FakeProviders;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookPagesTests extends BrowserTest {

    private static void answer(String path, int status) {
        FakeProviders.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withBody(status >= 400 ? "receiver down" : "ok")));
    }

    @Test
    void aFailedDeliveryIsReplayedFromTheConsoleOnceTheReceiverIsFixed() {
        Org org = registerOrganization();
        String path = "/hooks/" + UUID.randomUUID();
        answer(path, 500);
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);

        page.navigate("/settings/integrations");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Outgoing webhooks").setExact(true))
                .first().click();
        assertThat(page.locator(".webhooks-table")).containsText("No webhook yet");
        assertAccessible();
        field("URL").fill("http://10.0.0.8/hooks");
        button("Add webhook").click();
        assertThat(page.locator("#new-url-error")).containsText("https");
        assertThat(page.locator("#new-events-error")).hasCount(0);
        field("URL").fill(FakeProviders.baseUrl() + path);
        button("Add webhook").click();
        assertThat(page.locator("#new-events-error")).containsText("choose at least one event");
        page.getByLabel("Lead created lead.created", new Page.GetByLabelOptions()).check();
        field("Description (optional)").fill("Admissions warehouse");
        button("Add webhook").click();

        assertThat(page.locator(".notice.success")).containsText("The webhook is added");
        String secret = page.locator("#webhook-secret").inputValue();
        assertThat(secret).startsWith("whsec_");
        assertThat(page.locator(".page-header .badge")).hasText("Active");
        assertAccessible();
        screenshot("settings-webhook-created-1280");

        createLead(org.adminToken(), Map.of("first_name", "Anika", "phone", "9812345678"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have copied it: hide the secret"))
                .click();
        assertThat(page.locator("#webhook-secret")).hasCount(0);
        waitForDelivery("Failed, will retry");
        assertThat(page.content()).doesNotContain(secret);
        assertThat(page.locator(".page-header .badge")).hasText("Active, failing");
        page.locator(".delivery-log summary").first().click();
        assertThat(page.locator(".delivery-log .error-text").first()).containsText("Answered 500");
        assertThat(page.locator(".delivery-log .log-body").first()).containsText("lead.created");
        assertAccessible();
        screenshot("settings-webhook-failed-1280");

        answer(path, 200);
        page.locator(".delivery-log button", new Page.LocatorOptions().setHasText("Replay now")).first().click();
        assertThat(page.locator(".notice.success")).containsText("sent again and succeeded");
        assertThat(page.locator(".delivery-log .badge").first()).hasText("Delivered");
        assertThat(page.locator(".page-header .badge")).hasText("Active");
        screenshot("settings-webhook-replayed-1280");
        page.setViewportSize(360, 800);
        screenshot("settings-webhook-replayed-360");
        page.setViewportSize(1280, 900);

        page.getByLabel("Note created note.created", new Page.GetByLabelOptions()).check();
        button("Save").click();
        assertThat(page.locator(".notice.success")).containsText("saved");
        assertThat(page.getByLabel("Note created note.created", new Page.GetByLabelOptions())).isChecked();
        button("Deactivate").click();
        assertThat(page.locator(".page-header .badge")).hasText("Deactivated");
        button("Replay all failed").click();
        assertThat(page.locator(".notice.success")).containsText("activate it");
        button("Activate").click();
        assertThat(page.locator(".page-header .badge")).hasText("Active");
        button("Send a test event").click();
        assertThat(page.locator(".notice.success")).containsText("test event was delivered");
        button("Rotate the secret").click();
        assertThat(page.locator("#webhook-secret")).not().hasValue(secret);

        page.navigate("/settings/integrations/webhooks");
        assertThat(page.locator(".webhooks-table")).containsText("Admissions warehouse");
        page.setViewportSize(360, 800);
        screenshot("settings-webhooks-360");
        page.setViewportSize(1280, 900);
        screenshot("settings-webhooks-1280");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the webhook to "
                + FakeProviders.baseUrl() + path)).click();
        button("Delete").click();
        assertThat(page.locator(".notice.success")).containsText("is deleted");
        assertThat(page.locator(".webhooks-table")).containsText("No webhook yet");
    }

    @Test
    void peopleWhoDoNotManageSettingsCannotOpenWebhooks() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        signIn(org.slug(), manager.email(), PASSWORD);

        assertThat(page.navigate("/settings/integrations/webhooks").status()).isEqualTo(403);
        assertThat(page.navigate("/settings/integrations/webhooks/" + UUID.randomUUID()).status()).isEqualTo(403);
    }

    /** Reloads until the sending job has tried the delivery. */
    private void waitForDelivery(String state) {
        String url = page.url();
        for (int i = 0; i < 60; i++) {
            if (page.locator(".delivery-log .badge").count() > 0
                    && page.locator(".delivery-log .badge").first().textContent().equals(state)) {
                return;
            }
            page.waitForTimeout(500);
            page.navigate(url);
        }
        assertThat(page.locator(".delivery-log .badge").first()).hasText(state);
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
