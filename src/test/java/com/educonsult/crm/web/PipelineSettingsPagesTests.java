package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PipelineSettingsPagesTests extends BrowserTest {

    private static final List<String> PAGES = List.of("/settings/statuses", "/settings/lead-form",
            "/settings/assignment", "/settings/templates", "/settings/catalogue", "/settings/call-exclusions");

    @Test
    void aStatusAddedAndMovedUpWithTheKeyboardShowsInThatPlaceOnTheBoard() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/statuses");
        assertAccessible();

        button("Add status").click();
        assertThat(page.locator("#new-name-error")).isVisible();

        field("Name").fill("Visa approved");
        field("SLA (hours)").fill("48");
        button("Add status").click();
        assertThat(page.locator(".notice.success")).containsText("Visa approved");
        assertThat(page.locator(".status-list > li").last()).containsText("visa_approved");

        button("Move Visa approved up").click();
        assertThat(button("Move Visa approved up")).isFocused();
        button("Move Visa approved up").press("Enter");
        assertThat(page.locator(".notice.success")).containsText("moved up");
        List<String> order = page.locator(".status-list > li strong").allTextContents();
        assertThat(order.indexOf("Visa approved")).isEqualTo(order.indexOf("Visa applied") + 1);
        assertThat(order.indexOf("Enrolled")).isEqualTo(order.indexOf("Visa approved") + 1);
        screenshot("settings-statuses-1280");

        page.navigate("/board");
        List<String> columns = page.locator(".board-column-header h2").allTextContents();
        assertThat(columns.indexOf("Visa approved")).isEqualTo(columns.indexOf("Visa applied") + 1);
        assertThat(columns.indexOf("Enrolled")).isEqualTo(columns.indexOf("Visa approved") + 1);
    }

    @Test
    void aStatusDraggedToTheTopIsSavedInItsNewPlace() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/statuses");
        Locator contacted = page.locator("#status-" + statusId(org, "contacted"));
        Locator first = page.locator(".status-list > li").first();
        var handle = contacted.locator(".drag-handle").boundingBox();
        double x = handle.x + handle.width / 2;
        double y = handle.y + handle.height / 2;
        page.mouse().move(x, y);
        page.mouse().down();
        page.mouse().move(x + 5, y - 5, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        var to = first.boundingBox();
        page.mouse().move(x, to.y + to.height * 0.25, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(20));
        page.mouse().up();
        assertThat(page.locator(".notice.success")).containsText("New order saved");
        assertThat(page.locator(".status-list > li strong").first()).hasText("Contacted");
    }

    @Test
    void aTransitionRestrictedInSettingsIsTheOnlyMoveOfferedAndOthersAreRefusedByTheApi() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Ira", "last_name", "Sen"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/statuses");
        link("Edit New").click();
        assertThat(page.locator("#status-editor")).containsText("None ticked means a lead may move to any status");
        Locator boxes = page.locator("#status-editor input[name=allowed_next_status_ids]");
        for (int i = 0; i < boxes.count(); i++) {
            boxes.nth(i).uncheck();
        }
        field("Counselled").check();
        assertAccessible();
        button("Save status").click();
        assertThat(page.locator(".notice.success")).containsText("saved");
        assertThat(page.locator("#status-" + statusId(org, "new"))).containsText("Next: Counselled");

        page.navigate("/leads/" + lead);
        assertThat(page.locator("#status_id option")).hasText(new String[] {"Counselled"});
        var refused = api.post("/api/v1/stages/change-status", org.adminToken(),
                Map.of("lead_id", lead.toString(), "status", "contacted"));
        assertThat(refused.status()).isEqualTo(422);
        api.post("/api/v1/stages/change-status", org.adminToken(),
                Map.of("lead_id", lead.toString(), "status", "counselled")).expect(200);
    }

    @Test
    void aCustomFieldAddedInTheLeadFormIsRequiredOnTheNewLeadPageAndShownOnTheLead() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/lead-form");
        assertAccessible();

        field("Label").fill("Intake year");
        page.getByLabel("Type").selectOption("select");
        button("Add field").click();
        assertThat(page.locator("#new-options-error")).isVisible();
        field("Options").fill("2026, 2027");
        button("Add field").click();
        assertThat(page.locator(".notice.success")).containsText("Intake year");

        field("Label").fill("Passport number");
        field("Required on every lead").check();
        button("Add field").click();
        button("Move Passport number up").click();
        assertThat(page.locator("#field-order-list > li code")).hasText(new String[] {"passport_number", "intake_year"});
        screenshot("settings-lead-form-1280");

        page.navigate("/leads/new");
        field("First name").fill("Tara");
        field("Phone").fill("+919811122233");
        page.getByLabel("Intake year").selectOption("2027");
        button("Create lead").click();
        assertThat(page.locator("#new-cf-passport_number-error")).containsText("required");
        assertThat(page.getByLabel("Intake year")).hasValue("2027");
        page.getByLabel("Passport number (required)").fill("Z1234567");
        assertAccessible();
        button("Create lead").click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tara"))).isVisible();
        assertThat(page.locator("#profile")).containsText("Passport number");
        assertThat(page.locator("#profile")).containsText("Z1234567");
        assertThat(page.locator("#profile")).containsText("2027");
    }

    @Test
    void theAssignmentModeAndASourceRuleAreSavedAndTheWorkloadIsShown() {
        Org org = registerOrganization();
        userWithRole(org, "counselor");
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/assignment");
        assertAccessible();

        page.getByLabel("In turn (round robin)", new Page.GetByLabelOptions().setExact(false)).check();
        button("Save").click();
        assertThat(page.locator(".notice.success")).containsText("given out in turn");
        assertThat(api.get("/api/v1/assignments/settings", org.adminToken()).expect(200).data().get("mode").asString())
                .isEqualTo("round_robin");

        page.getByLabel("Test counselor").check();
        button("Add rule").click();
        assertThat(page.locator("#rule-source-error")).isVisible();
        field("Source").fill("Education fair");
        page.getByLabel("Test counselor").check();
        button("Add rule").click();
        assertThat(page.locator(".notice.success")).containsText("Rule added");
        assertThat(page.locator("table").first()).containsText("Source is “Education fair”");
        assertThat(page.locator("table").first()).containsText("Test counselor");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Workload now"))).isVisible();
        assertThat(page.locator("table").last()).containsText("Test counselor");
        assertAccessible();
    }

    @Test
    void aMessageTemplateWithABrokenPlaceholderIsRefusedBesideTheTextAndAValidOneIsPreviewedForASampleLead() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/templates");
        assertAccessible();
        Locator editor = page.locator("#message-editor");

        editor.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Fair welcome");
        editor.getByLabel("Text", new Locator.GetByLabelOptions().setExact(true)).fill("Hello {{first_name}, welcome");
        assertThat(page.locator("#template-preview")).containsText("without a matching");
        button("Create template").click();
        assertThat(page.locator("#new-content-error")).containsText("{{");

        editor.getByLabel("Text", new Locator.GetByLabelOptions().setExact(true))
                .fill("Hello {{first_name}}, {{counselor_name}} will call you about {{course}}. {{coursee}}");
        assertThat(page.locator("#template-preview .preview-text")).containsText("Hello Asha, Ada Admin will call you about MSc Data Science.");
        assertThat(page.locator("#template-preview")).containsText("{{coursee}}");
        assertThat(page.locator(".placeholder-list")).containsText("{{first_name}}");
        screenshot("settings-templates-1280");
        button("Create template").click();
        assertThat(page.locator(".notice.success")).containsText("Fair welcome");
        assertThat(page.locator("table").first()).containsText("Fair welcome");

        Locator notes = page.locator("#note-editor");
        notes.getByLabel("Title", new Locator.GetByLabelOptions().setExact(true)).fill("No answer");
        notes.getByLabel("Text", new Locator.GetByLabelOptions().setExact(true)).fill("Called, no answer. Try again tomorrow.");
        button("Add note template").click();
        assertThat(page.locator("#note-templates table")).containsText("No answer");
    }

    @Test
    void aCourseAddedToTheCatalogueIsListedAndFoundBySearch() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/catalogue?tab=institutions");
        field("Name").fill("Northfield University");
        page.getByLabel("Country").selectOption("GB");
        field("City").fill("Leeds");
        button("Add institution").click();
        assertThat(page.locator(".notice.success")).containsText("Northfield University");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Courses").setExact(true)).click();
        assertAccessible();
        page.getByLabel("Institution").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Northfield University (GB)"));
        field("Course name").fill("MSc Applied Data Science");
        button("Add course").click();
        assertThat(page.locator("#course-level-error")).isVisible();
        page.getByLabel("Level").selectOption("master");
        field("Fee per year").fill("21500");
        field("Intakes (comma-separated)").fill("September, January");
        button("Add course").click();
        assertThat(page.locator(".notice.success")).containsText("MSc Applied Data Science");

        page.getByLabel("Search courses").fill("Applied Data");
        button("Search").click();
        assertThat(page.locator("table tbody tr")).hasCount(1);
        assertThat(page.locator("table")).containsText("GBP 21,500");
        screenshot("settings-catalogue-1280");
    }

    @Test
    void anExcludedNumberIsShownNormalizedAndABadNumberIsRefusedBesideTheField() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings/call-exclusions");
        assertAccessible();

        field("Phone number").fill("12");
        button("Exclude").click();
        assertThat(page.locator("#exclusion-phone-error")).containsText("not a valid phone number");
        assertAccessible();

        field("Phone number").fill("098765 43210");
        field("Reason (optional)").fill("Office landline");
        button("Exclude").click();
        assertThat(page.locator("table")).containsText("+919876543210");
        assertThat(page.locator("table")).containsText("Office landline");

        page.onDialog(dialog -> dialog.accept());
        button("Remove the exclusion of +919876543210").click();
        assertThat(page.locator(".notice.success")).containsText("synced again");
        assertThat(page.locator("table")).hasCount(0);
    }

    @Test
    void aManagerSeesOnlyTheTemplatesAndCatalogueOfTheseSectionsAndIsRefusedTheOthers() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        signIn(org.slug(), manager.email(), PASSWORD);

        page.navigate("/settings/templates");
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Settings"));
        assertThat(nav).containsText("Message and note templates");
        assertThat(nav).containsText("Catalogue");
        assertThat(nav).not().containsText("Statuses and transitions");
        assertThat(nav).not().containsText("Assignment rules");
        assertThat(page.navigate("/settings/catalogue").status()).isEqualTo(200);
        for (String refused : List.of("/settings/statuses", "/settings/lead-form", "/settings/assignment",
                "/settings/call-exclusions")) {
            assertThat(page.navigate(refused).status()).as(refused).isEqualTo(403);
        }
    }

    @Test
    void aCounselorIsRefusedEveryPipelineAndContentSettingsPage() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        signIn(org.slug(), counselor.email(), PASSWORD);
        for (String path : PAGES) {
            var answer = page.navigate(path);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(page.locator("body")).not().containsText("{");
        }
    }

    @Test
    void everyPipelineAndContentSettingsPageIsAccessibleAtPhoneWidth() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.setViewportSize(360, 780);
        for (String path : PAGES) {
            assertThat(page.navigate(path).status()).as(path).isEqualTo(200);
            assertAccessible();
            assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).as(path)
                    .isLessThanOrEqualTo(360);
            screenshot("settings" + path.replace("/settings", "").replace('/', '-') + "-360");
        }
    }

    private UUID statusId(Org org, String code) {
        for (var status : api.get("/api/v1/lead-statuses", org.adminToken()).expect(200).data()) {
            if (status.get("code").asString().equals(code)) {
                return UUID.fromString(status.get("id").asString());
            }
        }
        throw new AssertionError("no status " + code);
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator link(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
