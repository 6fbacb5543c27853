package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class FollowUpPagesTests extends BrowserTest {

    @Autowired
    UserDirectory users;

    @Test
    void followUpsDueTodayOverdueAndUpcomingAreOnTheirOwnTabs() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Pooja", "last_name", "Nair",
                "phone", "+919811100001"));
        followUp(org, org.adminToken(), lead, "Share the scholarship list", today(org).atTime(12, 0));
        followUp(org, org.adminToken(), lead, "Ask for the transcripts", today(org).minusDays(2).atTime(11, 0));
        followUp(org, org.adminToken(), lead, "Check the visa slot", today(org).plusDays(3).atTime(16, 30));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/follow-ups");
        assertThat(items()).hasCount(1);
        assertThat(items().first()).containsText("Share the scholarship list");
        assertThat(items().first()).containsText("Pooja Nair");
        assertThat(items().first()).containsText("+919811100001");
        assertThat(tab("Overdue")).containsText("1");
        assertAccessible();
        screenshot("follow-ups-1280");

        tab("Overdue").click();
        assertThat(page).hasURL(Pattern.compile("when=overdue"));
        assertThat(items()).hasCount(1);
        assertThat(items().first()).containsText("Ask for the transcripts");
        assertThat(items().first()).containsText("Overdue");

        tab("Upcoming").click();
        assertThat(items()).hasCount(1);
        assertThat(items().first()).containsText("Check the visa slot");

        page.setViewportSize(360, 780);
        page.navigate("/follow-ups?when=overdue");
        action("Ask for the transcripts", "Reschedule").click();
        assertAccessible();
        screenshot("follow-ups-360");
    }

    @Test
    void completingAFollowUpRemovesItFromToday() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Harsh"));
        UUID task = followUp(org, org.adminToken(), lead, "Call about the fee waiver", today(org).atTime(12, 0));
        followUp(org, org.adminToken(), lead, "Send the brochure", today(org).atTime(13, 0));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/follow-ups");
        assertThat(tab("Today")).containsText("2");

        action("Call about the fee waiver", "Complete").click();
        page.locator("#task-" + task).getByLabel("Outcome").fill("Waiver granted; he will pay by Monday");
        page.locator("#task-" + task).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark done"))
                .click();

        assertThat(page.locator("#task-" + task)).containsText("Done: Call about the fee waiver");
        assertThat(tab("Today")).containsText("1");
        JsonNode saved = taskOf(org.adminToken(), lead, task);
        assertThat(saved.get("status").asString()).isEqualTo("completed");
        assertThat(saved.get("outcome").asString()).isEqualTo("Waiver granted; he will pay by Monday");
        page.reload();
        assertThat(items()).hasCount(1);
        assertThat(items().first()).containsText("Send the brochure");
        assertAccessible();
    }

    @Test
    void reschedulingAFollowUpMovesItToItsNewDayInTheOrganizationsZone() {
        Org org = registerOrganization();
        ZoneId zone = zone(org);
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Leela"));
        UUID task = followUp(org, org.adminToken(), lead, "Confirm the IELTS date", today(org).atTime(12, 0));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/follow-ups");

        action("Confirm the IELTS date", "Reschedule").click();
        Locator row = page.locator("#task-" + task);
        row.getByLabel(Pattern.compile("New time")).fill("");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save time")).click();
        assertThat(page.locator("#reschedule-" + task + "-errors")).containsText("is required");

        LocalDate later = today(org).plusDays(2);
        row.getByLabel(Pattern.compile("New time")).fill(later + "T10:15");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save time")).click();

        assertThat(page.locator("#task-" + task)).containsText("Rescheduled: Confirm the IELTS date");
        assertThat(tab("Upcoming")).containsText("1");
        OffsetDateTime due = OffsetDateTime.parse(taskOf(org.adminToken(), lead, task).get("due_at").asString());
        assertThat(due.toInstant()).isEqualTo(later.atTime(10, 15).atZone(zone).toInstant());
        tab("Upcoming").click();
        assertThat(items().first()).containsText("Confirm the IELTS date");
    }

    @Test
    void aCounselorSeesOnlyTheirOwnFollowUpsAndTheDashboardLinksToTheOverdueOnes() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        UUID mine = createLead(counselor.token(), Map.of("first_name", "Mine"));
        UUID theirs = createLead(other.token(), Map.of("first_name", "Theirs"));
        followUp(org, counselor.token(), mine, "My overdue call", today(org).minusDays(1).atTime(9, 0));
        followUp(org, other.token(), theirs, "Their overdue call", today(org).minusDays(1).atTime(9, 0));

        signIn(org.slug(), counselor.email(), PASSWORD);
        page.navigate("/follow-ups?when=overdue");
        assertThat(items()).hasCount(1);
        assertThat(items().first()).containsText("My overdue call");
        assertThat(page.getByLabel("Owner")).hasCount(0);

        page.navigate("/");
        assertThat(page.locator("a.tile[href='/follow-ups?when=overdue'] .tile-value")).hasText("1");
        page.locator("a.tile[href='/follow-ups?when=overdue']").click();
        assertThat(page).hasURL(Pattern.compile("/follow-ups\\?when=overdue"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Overdue"))))
                .hasAttribute("aria-current", "page");
    }

    /** The disclosure that opens an action's form on a follow-up. */
    private Locator action(String title, String action) {
        return items().filter(new Locator.FilterOptions().setHasText(title)).locator("summary")
                .filter(new Locator.FilterOptions().setHasText(action));
    }

    private Locator items() {
        return page.locator(".follow-ups > li.follow-up");
    }

    private Locator tab(String name) {
        return page.locator("#follow-up-tabs a").filter(new Locator.FilterOptions().setHasText(name));
    }

    private ZoneId zone(Org org) {
        return tenancy.callAs(org.id(), () -> users.timeZone(org.id()));
    }

    private LocalDate today(Org org) {
        return LocalDate.now(zone(org));
    }

    private UUID followUp(Org org, String token, UUID lead, String title, java.time.LocalDateTime due) {
        Map<String, Object> body = new HashMap<>();
        body.put("lead_id", lead);
        body.put("title", title);
        body.put("kind", "follow_up");
        body.put("due_at", due.atZone(zone(org)).toOffsetDateTime().toString());
        return UUID.fromString(api.post("/api/v1/tasks", token, body).expect(201).data().get("id").asString());
    }

    private JsonNode taskOf(String token, UUID lead, UUID task) {
        for (JsonNode t : api.get("/api/v1/tasks?lead_id=" + lead + "&limit=50", token).expect(200).data()) {
            if (t.get("id").asString().equals(task.toString())) {
                return t;
            }
        }
        throw new AssertionError("task " + task + " not listed");
    }
}
