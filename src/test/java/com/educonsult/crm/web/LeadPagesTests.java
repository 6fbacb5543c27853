package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import tools.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LeadPagesTests extends BrowserTest {

    @Test
    void creatingALeadShowsAnInvalidEmailBesideTheFieldThenOpensTheNewLead() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/new");
        assertAccessible();
        field("First name").fill("Meera");
        field("Last name").fill("Joshi");
        field("Phone").fill("098765 43210");
        field("Email").fill("not-an-email");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create lead")).click();

        assertThat(page.locator("#new-email-error")).isVisible();
        assertThat(field("First name")).hasValue("Meera");

        field("Email").fill("meera.joshi@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create lead")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Meera Joshi"))).isVisible();
        assertThat(page.locator("#profile")).containsText("+919876543210");
        assertAccessible();
    }

    @Test
    void searchingAPhoneWrittenAnotherWayOpensTheLead() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Kabir", "last_name", "Sethi",
                "phone", "+919812345678"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.getByLabel("Search leads by name, phone or email").fill("98123-45678");
        assertThat(page.locator("#search-suggestions")).containsText("Kabir Sethi");
        page.getByLabel("Search leads by name, phone or email").press("Enter");
        assertThat(page).hasURL(Pattern.compile("/leads/" + lead));
    }

    @Test
    void theListFiltersAsYouTypeAndKeepsTheFilterInTheAddress() {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Zoya", "last_name", "Qureshi"));
        createLead(org.adminToken(), Map.of("first_name", "Arjun", "last_name", "Verma"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads");
        assertThat(page.locator(".leads-table tbody tr")).hasCount(2);
        assertAccessible();

        page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("Qure");
        assertThat(page.locator(".leads-table tbody tr")).hasCount(1);
        assertThat(page.locator(".leads-table")).containsText("Zoya Qureshi");
        assertThat(page).hasURL(Pattern.compile("search=Qure"));
    }

    @Test
    void editingALeadSomeoneElseChangedMeanwhileSaysSoInsteadOfOverwriting() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Nisha", "city", "Pune"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit")).click();
        field("City").fill("Mumbai");

        api.patch("/api/v1/leads/" + lead, org.adminToken(), Map.of("city", "Nagpur")).expect(200);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Someone changed this lead");
        assertThat(field("City")).hasValue("Mumbai");
        assertThat(api.get("/api/v1/leads/" + lead, org.adminToken()).expect(200).data().get("city").asString())
                .isEqualTo("Nagpur");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#profile")).containsText("Mumbai");
    }

    @Test
    void anInvalidEditIsRefusedBesideItsField() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Irfan"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit")).click();
        field("Email").fill("irfan@");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#edit-email-error")).isVisible();
        assertAccessible();
    }

    @Test
    void addingANoteAndAFollowUpPutsThemOnTheLead() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Tara"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);

        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Note").setExact(true)).fill("Wants a UK MSc with a September intake");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
        assertThat(page.locator(".timeline")).containsText("Wants a UK MSc");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Follow-up")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add follow-up")).click();
        assertThat(page.locator("#follow-up-errors")).not().isEmpty();

        field("What to do").fill("Send the document checklist");
        field("When").fill("2031-01-15T10:30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add follow-up")).click();
        assertThat(page.locator(".open-tasks")).containsText("Send the document checklist");
        assertAccessible();
    }

    @Test
    void aCounselorSeesNeitherAdminLinksNorAnotherCounselorsLead() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        UUID theirs = createLead(other.token(), Map.of("first_name", "Hidden"));
        UUID mine = createLead(counselor.token(), Map.of("first_name", "Visible"));
        signIn(org.slug(), counselor.email(), PASSWORD);

        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")))
                .not().containsText("Settings");
        page.navigate("/leads");
        assertThat(page.locator(".leads-table")).containsText("Visible");
        assertThat(page.locator(".leads-table")).not().containsText("Hidden");

        var answer = page.navigate("/leads/" + theirs);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found"))).isVisible();
        assertThat(page.navigate("/leads/" + mine).status()).isEqualTo(200);
    }

    @Test
    void anotherOrganizationsLeadAddressIsTheNotFoundPage() {
        Org mine = registerOrganization();
        Org theirs = registerOrganization();
        UUID foreign = createLead(theirs.adminToken(), Map.of("first_name", "Foreign"));
        signIn(mine.slug(), mine.adminEmail(), PASSWORD);

        var answer = page.navigate("/leads/" + foreign);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(page.content()).doesNotContain("Foreign");
        assertAccessible();
    }

    @Test
    void theDashboardDrawsItsChartsAndFollowsNewLeadsLive() {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "First", "source", "Education fair"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        assertThat(page.locator("canvas[data-chart=status-chart][data-drawn=true]")).isVisible();
        assertThat(page.locator("canvas[data-chart=source-chart][data-drawn=true]")).isVisible();
        assertThat(page.locator("#source-chart")).containsText("Education fair");
        assertThat(page.locator(".tile").first()).containsText("1");
        assertThat(page.locator("#live-indicator.connected")).isVisible();
        assertAccessible();

        createLead(org.adminToken(), Map.of("first_name", "Second"));
        assertThat(page.locator(".tile").first()).containsText("2");
    }

    @Test
    void bulkAssigningTheTickedLeadsGivesThemToTheChosenCounselor() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID first = createLead(org.adminToken(), Map.of("first_name", "Bulk", "last_name", "One"));
        UUID second = createLead(org.adminToken(), Map.of("first_name", "Bulk", "last_name", "Two"));
        createLead(org.adminToken(), Map.of("first_name", "Left", "last_name", "Alone"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads");

        page.getByLabel("Tick Bulk One").check();
        page.getByLabel("Tick Bulk Two").check();
        assertThat(page.locator("#bulk-count")).hasText("2 leads ticked");
        page.getByLabel("Action").selectOption("assign");
        page.getByLabel("Owner", new Page.GetByLabelOptions().setExact(true)).last().selectOption(counselor.id().toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();

        assertThat(page.locator("#bulk-outcome")).containsText("2 leads changed");
        for (UUID lead : java.util.List.of(first, second)) {
            assertThat(api.get("/api/v1/leads/" + lead, org.adminToken()).expect(200).data().get("assigned_to")
                    .asString()).isEqualTo(counselor.id().toString());
        }
        assertAccessible();
    }

    @Test
    void aSavedViewReopensTheListWithItsFilters() {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Hot", "priority", "hot"));
        createLead(org.adminToken(), Map.of("first_name", "Cold", "priority", "cold"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads?priority=hot");
        page.getByText("Save this view").click();
        field("View name").fill("Hot ones");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save view")).click();
        assertThat(page.getByText("View “Hot ones” saved.")).isVisible();

        page.navigate("/leads");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Hot ones")).click();
        assertThat(page.locator(".leads-table tbody tr")).hasCount(1);
        assertThat(page.locator(".leads-table")).containsText("Hot");
    }

    @Test
    void aSavedViewKeepsTheFiltersAndColumnsChosenOnThePageWithoutAReload() {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Hot", "priority", "hot", "email", "hot@example.com"));
        createLead(org.adminToken(), Map.of("first_name", "Cold", "priority", "cold"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads");
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Priority")).selectOption("hot");
        assertThat(page.locator(".leads-table tbody tr")).hasCount(1);
        page.getByText("Columns", new Page.GetByTextOptions().setExact(true)).click();
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Email")).check();
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Phone")).uncheck();
        assertThat(page.locator(".leads-table thead")).containsText("Email");
        assertThat(page.locator(".leads-table thead")).not().containsText("Phone");
        assertThat(page.locator(".leads-table tbody")).containsText("hot@example.com");
        // the status badge stands in the status column only
        assertThat(page.locator(".leads-table tbody tr").first().locator(".badge")).hasCount(1);

        page.getByText("Save this view").click();
        field("View name").fill("Hot, with email");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save view")).click();
        assertThat(page.getByText("View “Hot, with email” saved.")).isVisible();

        page.navigate("/leads");
        assertThat(page.locator(".leads-table thead")).containsText("Phone");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Hot, with email")).click();
        assertThat(page.locator(".leads-table tbody tr")).hasCount(1);
        assertThat(page.locator(".leads-table thead")).containsText("Email");
        assertThat(page.locator(".leads-table thead")).not().containsText("Phone");
        JsonNode views = api.get("/api/v1/leads/views", org.adminToken()).expect(200).data();
        assertThat(views.get(0).get("columns").toString()).contains("email").doesNotContain("phone");
        assertAccessible();
    }

    @Test
    void whatsAppOpensWithAMessageTemplateFilledInForTheLead() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Tanvi", "phone", "9876500631",
                "interested_courses", List.of("MBA")));
        String template = api.post("/api/v1/templates/messages", org.adminToken(), Map.of("name", "Shortlist ready",
                "is_whatsapp", true, "content", "Hi {{first_name}}, your {{course}} shortlist is ready."))
                .expect(201).data().get("id").asString();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);

        page.locator("summary", new Page.LocatorOptions().setHasText("WhatsApp")).click();
        page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Shortlist ready"));
        assertThat(page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true))).hasValue(template);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open in WhatsApp")))
                .isVisible();
        assertAccessible();

        var opened = page.request().get("/leads/" + lead + "/whatsapp?template_id=" + template,
                com.microsoft.playwright.options.RequestOptions.create().setMaxRedirects(0));
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.headers().get("location"))
                .isEqualTo("https://wa.me/919876500631?text=Hi%20Tanvi%2C%20your%20MBA%20shortlist%20is%20ready.");
        assertThat(page.request().get("/leads/" + lead + "/whatsapp").status()).isEqualTo(400);
        assertThat(page.request().get("/leads/" + lead + "/whatsapp?template_id=not-an-id").status()).isEqualTo(404);
    }

    @Test
    void aManagerGivesALeadToAnotherCounselorFromItsPage() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Owner", "last_name", "Change"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);
        page.getByLabel("Give to").selectOption(counselor.id().toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change owner")).click();
        assertThat(page.locator(".lead-meta")).containsText("Owner: Test counselor");
        assertThat(api.get("/api/v1/leads/" + lead, org.adminToken()).expect(200).data().get("assigned_to")
                .asString()).isEqualTo(counselor.id().toString());
    }

    private com.microsoft.playwright.Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    @Test
    void aDuplicateIsShownOnTheLeadPageAndMergedIntoIt() {
        Org org = registerOrganization();
        UUID kept = createLead(org.adminToken(), Map.of("first_name", "Rhea", "last_name", "Kapoor",
                "phone", "9876500701"));
        UUID twin = createLead(org.adminToken(), Map.of("first_name", "Rhea", "last_name", "K",
                "phone", "9876500701", "email", "rhea@example.test"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/leads/" + kept);
        Locator card = page.locator(".duplicates-card");
        assertThat(card).containsText("A possible duplicate");
        assertThat(card).containsText("Rhea K");
        assertAccessible();
        page.onceDialog(dialog -> dialog.accept());
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Merge Rhea K into this lead")).click();

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Merged")))
                .isVisible();
        assertThat(page.locator(".duplicates-card")).hasCount(0);
        assertThat(page.locator("#profile")).containsText("rhea@example.test");
        api.get("/api/v1/leads/" + twin, org.adminToken()).expect(404);
    }

    @Test
    void theLeadPageSuggestsCoursesThatSuitTheLead() {
        Org org = registerOrganization();
        UUID institution = UUID.fromString(api.post("/api/v1/catalog/institutions", org.adminToken(),
                Map.of("name", "University of Otago", "country_code", "NZ", "is_partner", true)).expect(201).data()
                .get("id").asString());
        api.post("/api/v1/catalog/courses", org.adminToken(), Map.of("institution_id", institution.toString(),
                "name", "Master of Dietetics", "level", "master", "fee", 45000, "currency", "NZD")).expect(201);
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Ira", "interested_courses",
                List.of("Dietetics"), "preferred_countries", List.of("New Zealand")));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/leads/" + lead);

        Locator courses = page.locator(".course-matches li");
        assertThat(courses).hasCount(1);
        assertThat(courses.first()).containsText("Master of Dietetics");
        assertThat(courses.first()).containsText("University of Otago");
        assertThat(courses.first()).containsText("Partner");
    }
}
