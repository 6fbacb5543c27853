package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnalyticsPagesTests extends BrowserTest {

    @Test
    void theSlaPageListsTheLeadsPastTheirSlaNowAndOpensThem() {
        Org org = registerOrganization();
        UUID late = createLead(org.adminToken(), Map.of("first_name", "Waiting", "last_name", "Long"));
        createLead(org.adminToken(), Map.of("first_name", "Fresh", "last_name", "Lead"));
        UUID moved = createLead(org.adminToken(), Map.of("first_name", "Moved", "last_name", "Late"));
        tenancy.runAs(org.id(), () -> {
            db.execute("update lead_stages set entered_at = now() - interval '3 days', "
                    + "sla_due_at = now() - interval '2 days' where lead_id = ?", late);
            db.execute("update lead_stages set entered_at = now() - interval '2 days', "
                    + "sla_due_at = now() - interval '1 day' where lead_id = ?", moved);
        });
        api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", moved.toString(),
                "status", "contacted")).expect(200);

        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Analytics")).click();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Analytics pages"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("SLA")).click();
        page.waitForURL(url -> url.endsWith("/analytics/sla"));

        assertThat(page.locator(".tile", new Page.LocatorOptions().setHasText("Past their SLA now")))
                .containsText("1");
        assertThat(page.locator(".tile", new Page.LocatorOptions().setHasText("Compliance"))).containsText("0%");
        assertThat(page.locator(".breaches-table tbody tr")).hasCount(1);
        assertThat(page.locator(".breaches-table")).containsText("2.0 d");
        page.waitForSelector("canvas[data-drawn]");
        screenshot("analytics-sla");
        assertAccessible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Waiting Long")).click();
        page.waitForURL(url -> url.endsWith("/leads/" + late));
    }

    @Test
    void theTransitionMatrixShadesEachMoveByHowManyLeadsMadeIt() {
        Org org = registerOrganization();
        for (String name : new String[] {"Asha", "Bilal", "Chitra"}) {
            UUID lead = createLead(org.adminToken(), Map.of("first_name", name));
            api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead.toString(),
                    "status", "contacted")).expect(200);
            if (name.equals("Chitra")) {
                api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead.toString(),
                        "status", "lost")).expect(200);
            }
        }

        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/analytics/sla");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stage transitions")).click();
        page.waitForURL(url -> url.endsWith("/analytics/transitions"));

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("4 moves between statuses")))
                .isVisible();
        assertThat(page.locator("td.cell[title='New → Contacted: 3']")).hasClass(java.util.regex.Pattern.compile("dark"));
        assertThat(page.locator("td.cell[title='Contacted → Lost: 1']")).containsText("1");
        assertThat(page.locator(".heatmap tbody tr").first().locator("td.num").first()).hasText("3");
        screenshot("analytics-transitions");
        assertAccessible();
    }

    @Test
    void aCounselorSeesTheAnalyticsOfTheirOwnLeadsAndAnAgentNoAnalytics() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");
        UUID mine = createLead(org.adminToken(), Map.of("first_name", "Mine"));
        UUID theirs = createLead(org.adminToken(), Map.of("first_name", "Theirs"));
        api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", mine.toString(),
                "assigned_to", counselor.id().toString())).expect(200);
        tenancy.runAs(org.id(), () -> db.execute("update lead_stages set sla_due_at = now() - interval '5 hours' "
                + "where lead_id in (?, ?)", mine, theirs));

        signIn(org.slug(), counselor.email(), PASSWORD);
        page.navigate("/analytics/sla");
        assertThat(page.locator(".breaches-table tbody tr")).hasCount(1);
        assertThat(page.locator(".breaches-table")).containsText("Mine");

        context.clearCookies();
        signIn(org.slug(), agent.email(), PASSWORD);
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Analytics"))).hasCount(0);
    }
}
