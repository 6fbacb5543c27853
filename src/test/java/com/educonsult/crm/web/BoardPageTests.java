package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BoardPageTests extends BrowserTest {

    @Test
    void theBoardShowsAColumnPerStatusWithItsCountAndTheLeadsCards() {
        Org org = registerOrganization();
        Map<String, UUID> statuses = statuses(org);
        createLead(org.adminToken(), Map.of("first_name", "Anaya", "last_name", "Kapoor", "phone", "+919800000001",
                "priority", "hot"));
        createLead(org.adminToken(), Map.of("first_name", "Dev", "last_name", "Malhotra", "phone", "+919800000002"));
        UUID moved = createLead(org.adminToken(), Map.of("first_name", "Ira", "last_name", "Sen"));
        changeStatus(org.adminToken(), moved, statuses.get("contacted"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/board");
        assertThat(column("New").locator(".board-count")).containsText("2");
        assertThat(column("Contacted").locator(".board-count")).containsText("1");
        assertThat(column("Enrolled").locator(".board-count")).containsText("0");
        Locator anaya = card("Anaya Kapoor");
        assertThat(anaya).containsText("+919800000001");
        assertThat(anaya).containsText("Unassigned");
        assertThat(anaya).containsText("today");
        assertThat(anaya).containsText("Hot");
        assertThat(column("Contacted")).containsText("Ira Sen");
        assertThat(page.locator(".board-total")).containsText("3 leads");
        assertAccessible();
        screenshot("board-1280");

        page.setViewportSize(360, 780);
        page.reload();
        assertThat(column("New").locator(".board-count")).containsText("2");
        assertAccessible();
        screenshot("board-360");
    }

    @Test
    void draggingACardToAnAllowedStatusMovesTheLead() {
        Org org = registerOrganization();
        Map<String, UUID> statuses = statuses(org);
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Rohan", "last_name", "Das"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/board");
        assertThat(page.locator("#live-indicator.connected")).isVisible();

        drag(card("Rohan Das"), column("Contacted").locator(".board-cards"));

        assertThat(column("Contacted")).containsText("Rohan Das");
        assertThat(column("Contacted").locator(".board-count")).containsText("1");
        assertThat(column("New").locator(".board-count")).containsText("0");
        assertThat(page.locator("#board-message")).containsText("Moved to Contacted");
        assertThat(currentStatus(org.adminToken(), lead)).isEqualTo(statuses.get("contacted").toString());
    }

    @Test
    void aRefusedMoveSnapsBackWithTheReason() {
        Org org = registerOrganization();
        Map<String, UUID> statuses = statuses(org);
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Sara", "last_name", "Iqbal"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/board");

        drag(card("Sara Iqbal"), column("Counselling scheduled").locator(".board-cards"));

        assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("cannot move")))
                .containsText("allowed next statuses: contacted, lost");
        assertThat(column("New")).containsText("Sara Iqbal");
        assertThat(column("Counselling scheduled")).not().containsText("Sara Iqbal");
        assertThat(currentStatus(org.adminToken(), lead)).isEqualTo(statuses.get("new").toString());
        assertAccessible();
    }

    @Test
    void aCardCanBeMovedWithTheKeyboard() {
        Org org = registerOrganization();
        Map<String, UUID> statuses = statuses(org);
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Kiran", "last_name", "Bose"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/board");

        Locator menu = card("Kiran Bose").locator("summary");
        menu.focus();
        page.keyboard().press("Enter");
        assertThat(card("Kiran Bose").locator(".move-options")).isVisible();
        page.keyboard().press("Tab");
        assertThat(card("Kiran Bose").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Contacted")))
                .isFocused();
        page.keyboard().press("Enter");

        assertThat(column("Contacted")).containsText("Kiran Bose");
        assertThat(card("Kiran Bose").locator(".card-name")).isFocused();
        assertThat(currentStatus(org.adminToken(), lead)).isEqualTo(statuses.get("contacted").toString());
        assertAccessible();
    }

    @Test
    void theBoardFollowsLeadsMovedAndCreatedByOthers() {
        Org org = registerOrganization();
        Map<String, UUID> statuses = statuses(org);
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Meher"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/board");
        assertThat(page.locator("#live-indicator.connected")).isVisible();

        changeStatus(org.adminToken(), lead, statuses.get("contacted"));
        assertThat(column("Contacted")).containsText("Meher");
        createLead(org.adminToken(), Map.of("first_name", "Nikhil"));
        assertThat(column("New")).containsText("Nikhil");
        assertThat(column("New").locator(".board-count")).containsText("1");
    }

    @Test
    void aCounselorSeesOnlyTheirLeadsAndTheOwnerFilterNarrowsTheCounts() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        createLead(counselor.token(), Map.of("first_name", "Mine"));
        createLead(other.token(), Map.of("first_name", "Theirs"));
        createLead(org.adminToken(), Map.of("first_name", "Admins"));

        signIn(org.slug(), counselor.email(), PASSWORD);
        page.navigate("/board");
        assertThat(column("New")).containsText("Mine");
        assertThat(column("New")).not().containsText("Theirs");
        assertThat(column("New").locator(".board-count")).containsText("1");
        assertThat(page.getByLabel("Owner")).hasCount(0);
        context.clearCookies();

        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/board");
        assertThat(column("New").locator(".board-count")).containsText("3");
        page.getByLabel("Owner").selectOption(other.id().toString());
        assertThat(column("New").locator(".board-count")).containsText("1");
        assertThat(column("New")).containsText("Theirs");
        assertThat(column("New")).not().containsText("Mine");
        assertThat(page).hasURL(java.util.regex.Pattern.compile("assigned_to=" + other.id()));
        page.getByLabel("Source").fill("nowhere-in-particular");
        assertThat(column("New").locator(".board-count")).containsText("0");
        assertAccessible();
    }

    private Locator column(String name) {
        return page.locator(".board-column").filter(new Locator.FilterOptions().setHas(
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true))));
    }

    private Locator card(String name) {
        return page.locator(".board-card").filter(new Locator.FilterOptions().setHasText(name));
    }

    /** Drags with the mouse as a person does: press, move in steps, release over the target. */
    private void drag(Locator card, Locator target) {
        card.scrollIntoViewIfNeeded();
        BoundingBox from = card.boundingBox();
        double x = from.x + from.width / 2;
        double y = from.y + 12;
        page.mouse().move(x, y);
        page.mouse().down();
        page.mouse().move(x + 10, y + 10, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        BoundingBox to = target.boundingBox();
        page.mouse().move(to.x + to.width / 2, to.y + 30, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(20));
        page.mouse().up();
    }

    private Map<String, UUID> statuses(Org org) {
        Map<String, UUID> byCode = new HashMap<>();
        for (JsonNode status : api.get("/api/v1/lead-statuses", org.adminToken()).expect(200).data()) {
            byCode.put(status.get("code").asString(), UUID.fromString(status.get("id").asString()));
        }
        return byCode;
    }

    private void changeStatus(String token, UUID lead, UUID status) {
        api.post("/api/v1/stages/change-status", token, Map.of("lead_id", lead, "status_id", status)).expect(200);
    }

    private String currentStatus(String token, UUID lead) {
        return api.get("/api/v1/leads/" + lead, token).expect(200).data().get("status").get("id").asString();
    }
}
