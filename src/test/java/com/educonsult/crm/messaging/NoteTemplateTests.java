package com.educonsult.crm.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.catalog.CatalogFixtures;
import com.educonsult.crm.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NoteTemplateTests extends ApiTest {

    private static final String PATH = "/api/v1/templates/notes";

    private CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(api, db, tenancy);
    }

    @Test
    void aNewOrganizationHasDefaultNoteTemplates() {
        Org org = registerOrganization();

        JsonNode templates = api.get(PATH, org.adminToken()).expect(200).data();

        assertThat(titles(templates)).contains("Call not answered", "Call back requested");
        assertThat(titles(api.get(PATH + "?category=call", org.adminToken()).expect(200).data()))
                .contains("Call not answered").doesNotContain("Call back requested");
    }

    @Test
    void anAdminCreatesListsChangesAndDeletesANoteTemplate() {
        Org org = registerOrganization();

        JsonNode created = api.post(PATH, org.adminToken(), Map.of("title", "Wombat visit booked",
                "content", "Booked a campus visit.", "category", "follow_up")).expect(201).data();
        UUID id = UUID.fromString(created.get("id").asString());
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("created_by").asString()).isEqualTo(org.adminId().toString());
        assertThat(titles(api.get(PATH + "?search=wombat", org.adminToken()).expect(200).data()))
                .containsExactly("Wombat visit booked");

        JsonNode changed = api.patch(PATH + "/" + id, org.adminToken(), Map.of("content", "Booked a wombat visit.",
                "active", false)).expect(200).data();
        assertThat(changed.get("content").asString()).isEqualTo("Booked a wombat visit.");
        assertThat(changed.get("title").asString()).isEqualTo("Wombat visit booked");
        assertThat(titles(api.get(PATH + "?search=wombat&active=true", org.adminToken()).expect(200).data())).isEmpty();
        assertThat(api.get(PATH + "/" + id, org.adminToken()).expect(200).data().get("active").asBoolean()).isFalse();

        api.delete(PATH + "/" + id, org.adminToken()).expect(200);
        api.get(PATH + "/" + id, org.adminToken()).expect(404);
        assertThat(fixtures.auditActions(org, id))
                .containsExactly("note_template.created", "note_template.updated", "note_template.deleted");
    }

    @Test
    void invalidNoteTemplatesAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID id = create(org, "Valid");

        assertThat(api.post(PATH, org.adminToken(), Map.of("content", "x")).expect(422).errorField()).isEqualTo("title");
        assertThat(api.post(PATH, org.adminToken(), Map.of("title", "T", "content", " ")).expect(422).errorField())
                .isEqualTo("content");
        assertThat(api.post(PATH, org.adminToken(), Map.of("title", "T", "content", "x", "category", "Follow Up"))
                .expect(422).errorField()).isEqualTo("category");
        assertThat(api.post(PATH, org.adminToken(), Map.of("title", "T", "content", "x".repeat(5001)))
                .expect(422).errorField()).isEqualTo("content");
        assertThat(api.patch(PATH + "/" + id, org.adminToken(), Map.of("title", "  ")).expect(422).errorField())
                .isEqualTo("title");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID id = create(org, "Typed");

        api.raw("POST", PATH, org.adminToken(), "application/json", "{\"title\":").expect(400);
        api.raw("PATCH", PATH + "/" + id, org.adminToken(), "application/json", "{]").expect(400);
        assertThat(api.post(PATH, org.adminToken(), Map.of("title", "T", "content", "x", "active", "sometimes"))
                .expect(400).errorField()).isEqualTo("active");
        assertThat(api.patch(PATH + "/" + id, org.adminToken(), Map.of("content", List.of("a"))).expect(400).errorField())
                .isEqualTo("content");
        api.patch(PATH + "/not-a-uuid", org.adminToken(), Map.of("title", "x")).expect(400);
    }

    @Test
    void anAgentMayUseNoteTemplatesButNotChangeThem() {
        Org org = registerOrganization();
        UUID id = create(org, "Shared");
        TestUser agent = userWithRole(org, "agent");

        api.get(PATH, agent.token()).expect(200);
        api.get(PATH + "/" + id, agent.token()).expect(200);
        api.post(PATH, agent.token(), Map.of("title", "Mine", "content", "x")).expect(403);
        api.patch(PATH + "/" + id, agent.token(), Map.of("title", "Mine")).expect(403);
        api.delete(PATH + "/" + id, agent.token()).expect(403);
        api.get(PATH, null).expect(401);
    }

    @Test
    void anotherOrganizationsNoteTemplatesAreNotFoundWithNoData() {
        Org org = registerOrganization();
        UUID foreign = create(registerOrganization(), "Their secret note");

        assertThat(api.get(PATH + "/" + foreign, org.adminToken()).expect(404).body().has("data")).isFalse();
        api.patch(PATH + "/" + foreign, org.adminToken(), Map.of("title", "Ours")).expect(404);
        api.delete(PATH + "/" + foreign, org.adminToken()).expect(404);
        assertThat(api.get(PATH + "?search=secret", org.adminToken()).expect(200).data().size()).isZero();
    }

    private UUID create(Org org, String title) {
        return UUID.fromString(api.post(PATH, org.adminToken(), Map.of("title", title, "content", "Some text"))
                .expect(201).data().get("id").asString());
    }

    private static List<String> titles(JsonNode templates) {
        List<String> titles = new ArrayList<>();
        templates.forEach(t -> titles.add(t.get("title").asString()));
        return titles;
    }
}
