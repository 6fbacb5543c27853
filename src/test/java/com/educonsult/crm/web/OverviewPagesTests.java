package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OverviewPagesTests extends BrowserTest {

    @Test
    void aDashboardBarOpensTheLeadListWithTheSameFilterAndCount() {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Asha", "source", "Education fair"));
        createLead(org.adminToken(), Map.of("first_name", "Bilal", "source", "Education fair"));
        UUID elsewhere = createLead(org.adminToken(), Map.of("first_name", "Chen", "source", "Website"));
        tenancy.runAs(org.id(), () -> db.execute("update leads set created_at = now() - interval '3 days' where id = ?",
                elsewhere));

        signIn(org.slug(), org.adminEmail(), PASSWORD);
        Locator sources = card("New leads by source, last 30 days");
        assertThat(sources.locator("canvas[data-drawn]")).isVisible();
        screenshot("dashboard-analytics-1280");
        sources.getByText("Show as table").click();
        Locator fair = sources.locator("tbody tr", new Locator.LocatorOptions().setHasText("Education fair"));
        assertThat(fair.locator("td")).hasText("2");
        fair.getByRole(AriaRole.LINK).click();

        page.waitForURL(Pattern.compile(".*/leads\\?source=Education\\+fair&created_from=.*"));
        assertThat(page.locator(".result-count")).containsText("2 leads");
        assertThat(page.locator("main")).containsText("Asha");
        assertThat(page.locator("main")).not().containsText("Chen");

        page.navigate(baseUrl() + "/");
        Locator days = card("New leads per day, last 14 days");
        days.getByText("Show as table").click();
        days.locator("tbody tr").last().getByRole(AriaRole.LINK).click();
        assertThat(page.locator(".result-count")).containsText("2 leads");
    }

    @Test
    void theFunnelAndTheLeaderboardOpenTheLeadsBehindTheirFigures() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        for (String name : new String[] {"Dev", "Esha", "Farah"}) {
            UUID lead = createLead(org.adminToken(), Map.of("first_name", name, "source", "Website"));
            api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", lead.toString(),
                    "assigned_to", counselor.id().toString())).expect(200);
        }
        createLead(org.adminToken(), Map.of("first_name", "Gita", "source", "Website"));

        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Analytics").setExact(true)).click();
        assertThat(page.locator("h1")).hasText("Funnel");
        Locator first = page.locator("#funnel-chart tbody tr").first();
        assertThat(first.locator("td").first()).hasText("4");
        assertAccessible();
        screenshot("funnel-1280");
        first.locator("td").last().getByRole(AriaRole.LINK).click();
        assertThat(page.locator(".result-count")).containsText("4 leads");

        page.navigate(baseUrl() + "/analytics/counselors");
        Locator row = page.locator("#leaderboard tbody tr", new Page.LocatorOptions().setHasText("Test counselor"));
        assertThat(row.locator("td").first()).hasText("3");
        assertThat(page.locator(".tile", new Page.LocatorOptions().setHasText("Still waiting"))).containsText("4");
        assertAccessible();
        screenshot("leaderboard-1280");
        page.setViewportSize(360, 780);
        page.reload();
        screenshot("leaderboard-360");
        row.locator("td").first().getByRole(AriaRole.LINK).click();
        assertThat(page.locator(".result-count")).containsText("3 leads");
    }

    private Locator card(String title) {
        return page.locator("article.card", new Page.LocatorOptions().setHas(page.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName(title))));
    }
}
