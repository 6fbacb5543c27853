package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PeopleSettingsPagesTests extends BrowserTest {

    @Test
    void anOrganizationChangeIsSavedAndAWrongEmailIsShownBesideItsField() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/organization");
        assertAccessible();

        field("Name").fill("Bright Futures Pune");
        field("Opens at").fill("09:30");
        page.getByLabel("Saturday").check();
        button("Save changes").click();
        assertThat(notice()).containsText("Saved");
        assertThat(field("Name")).hasValue("Bright Futures Pune");
        assertThat(field("Opens at")).hasValue("09:30");
        assertThat(page.getByLabel("Saturday")).isChecked();
        assertThat(api.get("/api/v1/organization", org.adminToken()).expect(200).data().get("name").asString())
                .isEqualTo("Bright Futures Pune");

        field("Email").fill("not-an-email");
        field("Name").fill("");
        button("Save changes").click();
        assertThat(page.locator("#org-email-error")).isVisible();
        assertThat(field("Email")).hasAttribute("aria-describedby", "org-email-error");
        assertThat(page.locator("#org-name-error")).containsText("must not be empty");
        assertThat(field("Email")).hasValue("not-an-email");
        assertAccessible();
        screenshot("settings-organization-1280");
        page.setViewportSize(360, 800);
        screenshot("settings-organization-360");
    }

    @Test
    void aBranchIsAddedThenEditedAndDeactivated() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);
        page.navigate("/settings/branches");
        assertAccessible();

        button("Add branch").click();
        assertThat(page.locator("#branch-name-error")).isVisible();

        field("Name").fill("Pune Office");
        field("City").fill("Pune");
        field("Email").fill("pune@example.com");
        button("Add branch").click();
        assertThat(notice()).containsText("Pune Office added");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pune Office")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Pune Office"))).isVisible();
        assertAccessible();
        field("City").fill("Pimpri");
        field("Name").fill("Pune West");
        button("Save changes").click();
        assertThat(notice()).containsText("Saved");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Pune West"))).isVisible();
        assertThat(field("City")).hasValue("Pimpri");

        button("Deactivate branch").click();
        assertThat(page.locator(".page-header .badge")).hasText("Deactivated");
        screenshot("settings-branch-1280");
        page.navigate("/settings/branches");
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Pune West"))).containsText("Pimpri");
    }

    @Test
    void aPersonIsInvitedAndListedAsPendingAndAnotherUsersRoleIsChanged() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/users");
        assertAccessible();

        field("First name").fill("Neha");
        field("Email").fill("neha@" + org.slug() + ".test");
        button("Send invitation").click();
        assertThat(page.locator("#invite-role-error")).isVisible();
        assertThat(field("First name")).hasValue("Neha");

        page.locator("#invite-role").selectOption("counselor");
        button("Send invitation").click();
        assertThat(notice()).containsText("Invitation sent to neha@" + org.slug() + ".test");
        assertThat(page.locator("#pending")).containsText("neha@" + org.slug() + ".test");
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("neha@")).locator(".badge"))
                .hasText("Invited");
        screenshot("settings-users-1280");

        page.navigate("/settings/users/" + counselor.id());
        assertAccessible();
        page.getByLabel("Counselor").uncheck();
        page.getByLabel("Manager").check();
        button("Save changes").click();
        assertThat(notice()).containsText("Saved");
        assertThat(page.locator(".profile-list")).containsText("Manager");
        assertThat(api.get("/api/v1/admin/users/" + counselor.id(), org.adminToken()).expect(200).data().get("roles")
                .get(0).asString()).isEqualTo("manager");
    }

    @Test
    void aDeactivatedUserIsSignedOutEverywhereAndCanBeReactivated() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);
        page.navigate("/settings/users/" + agent.id());

        button("Deactivate and end their sessions").click();
        assertThat(notice()).containsText("Deactivated");
        assertThat(page.locator(".page-header .badge")).hasText("Inactive");
        assertThat(api.get("/api/v1/auth/me", agent.token()).status()).isEqualTo(401);

        button("Reactivate").click();
        assertThat(page.locator(".page-header .badge")).hasText("Active");
    }

    @Test
    void aCustomRoleIsCreatedWithItsPermissionsAndASystemRolesDeleteIsRefusedWithTheReason() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);
        page.navigate("/settings/roles");
        assertAccessible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create a custom role")).click();
        assertThat(page.locator("fieldset.permission-group legend", new Page.LocatorOptions().setHasText("Leads")))
                .isVisible();

        field("Code").fill("Tele Caller");
        field("Name").fill("Telecaller");
        page.locator("#perm-leads-read").check();
        page.locator("#perm-calls-write").check();
        button("Create role").click();
        assertThat(page.locator("#role-code-error")).containsText("lower-case");
        assertThat(page.locator("#perm-leads-read")).isChecked();
        assertAccessible();

        field("Code").fill("telecaller");
        button("Create role").click();
        assertThat(notice()).containsText("Telecaller created");
        assertThat(page.locator("#perm-leads-read")).isChecked();
        assertThat(page.locator("#perm-calls-write")).isChecked();
        assertThat(page.locator("#perm-leads-delete")).not().isChecked();
        screenshot("settings-role-1280");

        page.navigate("/settings/roles");
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Telecaller"))).containsText("Custom");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Counselor")).click();
        button("Delete role").click();
        assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Not deleted")))
                .containsText("the system role counselor cannot be deleted");
    }

    @Test
    void anApiKeysSecretIsShownOnceAndWorksUntilTheKeyIsRevoked() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);
        page.navigate("/settings/api-keys");
        assertAccessible();

        field("Name").fill("Website form");
        button("Create key").click();
        assertThat(page.locator("#key-scopes-error")).containsText("tick at least one permission");

        page.locator("#scope-leads-read").check();
        button("Create key").click();
        Locator secret = page.getByLabel("The new API key");
        assertThat(secret).isVisible();
        assertThat(page.locator(".secret-card")).containsText("shown only this once");
        String key = secret.inputValue();
        assertThat(key).startsWith("ek");
        assertAccessible();
        screenshot("settings-api-key-created-1280");

        var answer = api.send(api.builder("/api/v1/leads", null).header("X-API-Key", key).GET());
        assertThat(answer.status()).isEqualTo(200);

        page.navigate("/settings/api-keys");
        assertThat(page.locator(".secret-card")).hasCount(0);
        assertThat(page.content()).doesNotContain(key);
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Website form"));
        assertThat(row).containsText("leads:read");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke Website form")).click();
        assertThat(notice()).containsText("revoked");
        assertThat(row).containsText("Revoked");
        assertThat(api.send(api.builder("/api/v1/leads", null).header("X-API-Key", key).GET()).status())
                .isEqualTo(401);
    }

    @Test
    void theAuditLogShowsTheValuesBeforeAndAfterAnEarlierChange() {
        Org org = registerOrganization();
        String branch = api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Nashik Office", "city", "Nashik"))
                .expect(201).data().get("id").asString();
        api.patch("/api/v1/branches/" + branch, org.adminToken(), Map.of("city", "Nasik Road")).expect(200);
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/audit");
        assertAccessible();

        field("Kind of record").fill("branch");
        field("Action").fill("branch.updated");
        button("Show").click();
        assertThat(page.locator(".audit-entry")).hasCount(1);
        Locator entry = page.locator(".audit-entry").first();
        assertThat(entry.locator("summary")).containsText("Ada Admin");
        entry.locator("summary").click();
        Locator city = entry.locator("tr.changed", new Locator.LocatorOptions().setHasText("city"));
        assertThat(city.locator("td.before")).hasText("Nashik");
        assertThat(city.locator("td.after")).hasText("Nasik Road");
        assertThat(entry.locator("tr:not(.changed)", new Locator.LocatorOptions().setHasText("name")).first())
                .containsText("Nashik Office");
        assertAccessible();
        screenshot("settings-audit-1280");

        field("From").fill("2026-05-02");
        field("To").fill("2026-05-01");
        button("Show").click();
        assertThat(page.locator("#audit-to-error")).containsText("on or after");
    }

    @Test
    void yourSessionsListsTheBrowserAndTheAppAndEndsAnotherOne() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        signIn(org.slug(), counselor.email(), PASSWORD);
        page.onDialog(Dialog::accept);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your sessions")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your sessions").setExact(true)))
                .isVisible();
        assertThat(page.locator(".session")).hasCount(2);
        assertThat(page.locator(".session.current")).containsText("This browser");
        assertThat(page.locator(".session.current")).containsText("Web console");
        assertAccessible();
        screenshot("account-sessions-1280");

        page.locator(".session:not(.current)").getByRole(AriaRole.BUTTON).click();
        assertThat(notice()).containsText("Session ended");
        assertThat(page.locator(".session")).hasCount(1);
        assertThat(api.get("/api/v1/auth/me", counselor.token()).status()).isEqualTo(401);

        String third = login(org.slug(), counselor.email(), PASSWORD).expect(200).data().get("access_token").asString();
        page.reload();
        button("End all other sessions").click();
        assertThat(notice()).containsText("1 other session ended");
        assertThat(api.get("/api/v1/auth/me", third).status()).isEqualTo(401);
        page.navigate("/account/sessions");
        assertThat(page.locator(".session.current")).hasCount(1);
        page.setViewportSize(360, 800);
        screenshot("account-sessions-360");
    }

    @Test
    void aCounselorIsRefusedEveryPeopleSettingsPageAndAManagerOnlyWhatTheApiLetsThemDo() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Thane"))
                .expect(201).data().get("id").asString());
        TestUser manager = userWithRole(org, "manager", branch);
        userWithRole(org, "agent", branch);
        userWithRole(org, "agent");

        signIn(org.slug(), counselor.email(), PASSWORD);
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")))
                .not().containsText("Settings");
        for (String url : List.of("/settings/organization", "/settings/branches", "/settings/users",
                "/settings/roles", "/settings/api-keys", "/settings/audit", "/settings/users/" + manager.id())) {
            var answer = page.navigate(url);
            assertThat(answer.status()).as(url).isEqualTo(403);
            assertThat(page.locator("body")).not().containsText("{");
        }

        page.context().clearCookies();
        signIn(org.slug(), manager.email(), PASSWORD);
        page.navigate("/settings");
        assertThat(page.locator(".settings-nav")).not().containsText("Roles and permissions");
        assertThat(page.navigate("/settings/roles").status()).isEqualTo(403);
        assertThat(page.navigate("/settings/organization").status()).isEqualTo(403);
        assertThat(page.navigate("/settings/users").status()).isEqualTo(200);
        // their own branch only: themselves and the agent of the branch, not the agent without one
        assertThat(page.locator(".users-table tbody tr")).hasCount(2);
        assertThat(page.locator("#invite-branch_id option")).hasText(new String[] {"Thane"});
        assertThat(page.locator("#invite-role option")).hasText(new String[] {"Choose a role", "Agent", "Counselor",
                "Manager"});
        assertAccessible();
        screenshot("settings-users-manager-1280");
        page.setViewportSize(360, 800);
        screenshot("settings-users-manager-360");
        assertThat(page.navigate("/settings/audit").status()).isEqualTo(200);
    }

    private Locator notice() {
        return page.locator(".notice.success");
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
