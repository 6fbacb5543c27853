package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Page;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DashboardPagesTests extends BrowserTest {

    @Test
    void newLeadsAreCountedByDayWeekAndSourceWithoutDeletedOrOlderOnes() {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Today", "source", "Education fair"));
        createLead(org.adminToken(), Map.of("first_name", "Also today", "source", "Education fair"));
        UUID older = createLead(org.adminToken(), Map.of("first_name", "Older", "source", "Website"));
        UUID ancient = createLead(org.adminToken(), Map.of("first_name", "Ancient", "source", "Walk-in"));
        UUID deleted = createLead(org.adminToken(), Map.of("first_name", "Gone", "source", "Education fair"));
        tenancy.runAs(org.id(), () -> {
            db.execute("update leads set created_at = now() - interval '12 days' where id = ?", older);
            db.execute("update leads set created_at = now() - interval '60 days' where id = ?", ancient);
        });
        api.delete("/api/v1/leads/" + deleted, org.adminToken()).expect(200);

        signIn(org.slug(), org.adminEmail(), PASSWORD);

        assertThat(tile("New today")).containsText("2");
        assertThat(tile("New this week")).containsText("2");
        assertThat(tile("Leads")).containsText("4");
        assertThat(page.locator("#source-chart tbody tr")).hasCount(2);
        assertThat(page.locator("#source-chart tbody tr").first()).containsText("Education fair");
        assertThat(page.locator("#source-chart tbody tr").first()).containsText("2");
        assertThat(page.locator("#source-chart")).containsText("Website");
        assertThat(page.locator("#source-chart")).not().containsText("Walk-in");
    }

    @Test
    void aCounselorSeesTheirOwnNewLeadsAndTheirOwnRecentActivity() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID mine = createLead(org.adminToken(), Map.of("first_name", "Mine", "source", "Website"));
        createLead(org.adminToken(), Map.of("first_name", "Not mine", "source", "Website"));
        api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", mine.toString(),
                "assigned_to", counselor.id().toString())).expect(200);
        api.post("/api/v1/leads/" + mine + "/notes", counselor.token(), Map.of("content", "Asked about IELTS"))
                .expect(201);

        signIn(org.slug(), counselor.email(), PASSWORD);

        assertThat(tile("New today")).containsText("1");
        assertThat(page.locator("#source-chart tbody tr").first()).containsText("1");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Your recent activity"))).isVisible();
        assertAccessible();
    }

    private com.microsoft.playwright.Locator tile(String label) {
        return page.locator(".tile", new Page.LocatorOptions().setHasText(label)).first();
    }
}
