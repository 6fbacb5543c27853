package com.educonsult.crm.web.campaigns;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignPagesTests extends BrowserTest {

    @Test
    void aManagerBuildsACampaignWatchesTheAudienceCountLaunchesItAndSeesItsFigures() {
        Org org = registerOrganization();
        api.post("/api/v1/templates/messages", org.adminToken(), Map.of("name", "Open day invite",
                "is_whatsapp", false, "is_sms", true, "content", "Hi {{first_name}}, join our open day on Saturday."))
                .expect(201);
        for (int i = 0; i < 3; i++) {
            createLead(org.adminToken(), Map.of("first_name", "Student" + i, "phone", "+9198765000" + (10 + i),
                    "tags", List.of("open-day")));
        }
        createLead(org.adminToken(), Map.of("first_name", "Elsewhere", "phone", "+919876500099"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Campaigns").setExact(true)).click();
        assertThat(page.locator(".campaigns-table")).containsText("No campaign yet");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New campaign")).first().click();

        page.getByLabel("Campaign name").fill("Saturday open day");
        page.getByLabel("SMS").check();
        page.getByLabel("Message template").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Open day invite \u2014 SMS"));
        assertThat(page.locator("#preview .message-bubble")).containsText("Hi Asha, join our open day");
        assertThat(page.locator("#audience-count strong")).hasText("4");
        page.getByLabel("Tag").fill("open-day");
        page.getByLabel("Tag").dispatchEvent("change");
        assertThat(page.locator("#audience-count strong")).hasText("3");
        assertAccessible();
        screenshot("campaign-builder-1280");
        page.setViewportSize(360, 780);
        screenshot("campaign-builder-360");
        page.setViewportSize(1280, 860);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft")).click();
        assertThat(page.locator(".notice.success")).containsText("The campaign is saved");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Launch campaign")).click();

        assertThat(page.locator(".notice.success")).containsText("launched");
        assertThat(page.locator(".campaign-progress-text")).hasText("3 of 3 sent to the outbox");
        assertThat(page.locator(".campaign-tiles")).containsText("Recipients");
        assertThat(page.locator(".page-header .subtle")).containsText("SMS");
        assertAccessible();
        screenshot("campaign-figures-1280");
        page.setViewportSize(360, 780);
        screenshot("campaign-figures-360");
        page.setViewportSize(1280, 860);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Campaigns").setExact(true)).first()
                .click();
        assertThat(page.locator(".campaigns-table")).containsText("Saturday open day");
        assertThat(page.locator(".campaigns-table")).containsText("3 of 3");
        screenshot("campaign-list-1280");
    }

    @Test
    void aRunningCampaignsPauseAndCancelGoAwayWhenItCompletesWhileThePageIsOpen() {
        Org org = registerOrganization();
        String template = api.post("/api/v1/templates/messages", org.adminToken(), Map.of("name", "Reminder",
                "is_whatsapp", false, "is_sms", true, "content", "Hi {{first_name}}, the fair is tomorrow."))
                .expect(201).data().get("id").asString();
        for (int i = 0; i < 4; i++) {
            createLead(org.adminToken(), Map.of("first_name", "Fair" + i, "phone", "+9198765001" + (10 + i),
                    "tags", List.of("fair")));
        }
        String id = api.post("/api/v1/campaigns", org.adminToken(), Map.of("name", "Fair reminder", "channel",
                "sms", "template_id", template, "audience", Map.of("tags", "fair"), "throttle_per_minute", 12))
                .expect(201).data().get("id").asString();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        api.post("/api/v1/campaigns/" + id + "/launch", org.adminToken(), Map.of()).expect(200);
        page.navigate("/campaigns/" + id);

        Locator actions = page.locator("#campaign-actions");
        assertThat(actions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pause"))).isVisible();
        assertThat(actions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel campaign")))
                .isVisible();
        assertThat(actions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")))
                .hasCount(0);

        assertThat(page.locator(".campaign-progress-text")).hasText("4 of 4 sent to the outbox",
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(actions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pause"))).hasCount(0);
        assertThat(actions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel campaign")))
                .hasCount(0);
        assertThat(actions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")))
                .isVisible();
        screenshot("campaign-completed-1280");
    }
}
