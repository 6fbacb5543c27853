package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

class SettingsPagesTests extends BrowserTest {

    @Test
    void anAdministratorSeesEverySettingsSectionAndAManagerOnlyTheirs() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Settings")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings"))).isVisible();
        assertThat(page.locator(".settings-card")).hasCount(14);
        assertAccessible();
        screenshot("settings-1280");

        page.context().clearCookies();
        signIn(org.slug(), manager.email(), PASSWORD);
        page.navigate("/settings");
        assertThat(page.locator(".settings-card h2")).hasText(new String[] {
                "Users and invitations", "Message and note templates", "Catalogue", "Audit log"});
    }

    @Test
    void aCounselorHasNoSettingsLinkAndTheSettingsAddressIsRefused() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        signIn(org.slug(), counselor.email(), PASSWORD);

        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")))
                .not().containsText("Settings");
        var answer = page.navigate("/settings");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(page.locator("body")).not().containsText("{");
    }
}
