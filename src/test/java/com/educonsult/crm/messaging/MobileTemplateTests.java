package com.educonsult.crm.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.catalog.CatalogFixtures;
import com.educonsult.crm.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MobileTemplateTests extends ApiTest {

    private CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(api, db, tenancy);
    }

    @Test
    void aNoteTemplateIsCreatedChangedListedAndDeleted() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        var created = api.post("/api/v1/callnote/template/save", org.adminToken(),
                Map.of("name", "Interested", "content", "Asked for the fee structure", "category", "call")).expect(200);
        String id = created.data().get("id").asString();
        assertThat(created.body().get("status").asBoolean()).isTrue();
        assertThat(created.data().get("name").asString()).isEqualTo("Interested");
        assertThat(created.data().get("content").asString()).isEqualTo("Asked for the fee structure");
        assertThat(created.data().get("category").asString()).isEqualTo("call");
        assertThat(created.data().get("isActive").asBoolean()).isTrue();

        var changed = api.post("/api/v1/callnote/template/save", org.adminToken(),
                Map.of("id", id, "content", "Asked for fees")).expect(200);
        assertThat(changed.data().get("name").asString()).isEqualTo("Interested");
        assertThat(changed.data().get("content").asString()).isEqualTo("Asked for fees");

        var listed = api.post("/api/v1/callnote/template/fetchAll", counselor.token(), Map.of()).expect(200);
        assertThat(listed.raw()).contains("\"id\":\"" + id + "\"");
        assertThat(listed.data().get(0).has("isActive")).isTrue();

        var deleted = api.post("/api/v1/callnote/template/delete", org.adminToken(), Map.of("id", id)).expect(200);
        assertThat(deleted.raw()).isEqualTo("{\"status\":true,\"message\":\"Note template deleted\"}");
        api.post("/api/v1/callnote/template/delete", org.adminToken(), Map.of("id", id)).expect(404);
    }

    @Test
    void fetchAllListsOnlyActiveNoteTemplatesUnlessAsked() {
        Org org = registerOrganization();
        api.post("/api/v1/callnote/template/save", org.adminToken(),
                Map.of("name", "Old one", "content", "x", "isActive", false)).expect(200);

        assertThat(api.post("/api/v1/callnote/template/fetchAll", org.adminToken(), Map.of()).raw())
                .doesNotContain("Old one");
        assertThat(api.post("/api/v1/callnote/template/fetchAll", org.adminToken(), Map.of("isActive", false)).raw())
                .contains("Old one");
    }

    @Test
    void savingANoteTemplateWithoutContentNamesTheField() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/callnote/template/save", org.adminToken(), Map.of("name", "Empty"))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("content");
        assertThat(response.body().get("status").asBoolean(true)).isFalse();
        assertThat(api.post("/api/v1/callnote/template/save", org.adminToken(),
                Map.of("name", "Bad", "content", "x", "category", "Not A Category")).expect(422).errorField())
                .isEqualTo("category");
    }

    @Test
    void wrongTypesAreBadRequests() {
        Org org = registerOrganization();

        api.post("/api/v1/callnote/template/delete", org.adminToken(), Map.of("id", "nope")).expect(400);
        api.post("/api/v1/callnote/template/save", org.adminToken(), Map.of("name", "A", "content", "b",
                "isActive", "maybe")).expect(400);
        api.get("/api/v1/messagetemplate/fetch?id=nope", org.adminToken()).expect(400);
        api.get("/api/v1/messagetemplate/fetch", org.adminToken()).expect(400);
        assertThat(api.post("/api/v1/callnote/template/delete", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("id");
    }

    @Test
    void aCounselorMayReadButNotWriteTemplates() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        String id = api.post("/api/v1/callnote/template/save", org.adminToken(),
                Map.of("name", "Mine", "content", "x")).expect(200).data().get("id").asString();

        var refused = api.post("/api/v1/callnote/template/save", counselor.token(),
                Map.of("name", "Theirs", "content", "x")).expect(403);

        assertThat(refused.body().get("status").asBoolean(true)).isFalse();
        api.post("/api/v1/callnote/template/delete", counselor.token(), Map.of("id", id)).expect(403);
    }

    @Test
    void anotherOrganizationsTemplatesAreNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String note = api.post("/api/v1/callnote/template/save", other.adminToken(),
                Map.of("name", "Secret", "content", "x")).expect(200).data().get("id").asString();
        String message = messageTemplate(other, "Secret offer", "Hello {{first_name}}");

        api.post("/api/v1/callnote/template/save", org.adminToken(), Map.of("id", note, "content", "y")).expect(404);
        api.post("/api/v1/callnote/template/delete", org.adminToken(), Map.of("id", note)).expect(404);
        api.get("/api/v1/messagetemplate/fetch?id=" + message, org.adminToken()).expect(404);
        assertThat(api.post("/api/v1/messagetemplate/fetchAll", org.adminToken(), Map.of()).raw())
                .doesNotContain("Secret offer");
    }

    @Test
    void messageTemplatesAreListedInTheSeedsNames() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        String id = messageTemplate(org, "Visa reminder", "Hi {{first_name}}, your {{country}} visa");

        var response = api.post("/api/v1/messagetemplate/fetchAll", agent.token(),
                Map.of("search", "Visa reminder")).expect(200);

        JsonNode template = response.data().get(0);
        assertThat(template.get("id").asString()).isEqualTo(id);
        assertThat(template.get("dynamicFields").toString()).isEqualTo("[\"first_name\",\"country\"]");
        assertThat(template.get("whatsappEnabled").asBoolean()).isTrue();
        assertThat(template.get("smsEnabled").asBoolean(true)).isFalse();
        assertThat(template.get("isActive").asBoolean()).isTrue();
        assertThat(template.has("rendered")).isFalse();
        assertThat(api.get("/api/v1/messagetemplate/fetch?id=" + id, agent.token()).expect(200).data())
                .isEqualTo(template);
    }

    @Test
    void fetchRendersATemplateForALeadTheCallerMaySee() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser colleague = userWithRole(org, "counselor");
        String id = messageTemplate(org, "Greeting", "Hello {{first_name}}");
        UUID lead = fixtures.lead(org, counselor.id(), l -> l.setPhone("+919812345678"));

        var response = api.get("/api/v1/messagetemplate/fetch?id=" + id + "&leadId=" + lead, counselor.token())
                .expect(200);

        JsonNode rendered = response.data().get("rendered");
        assertThat(rendered.get("text").asString()).isEqualTo("Hello Priya");
        assertThat(rendered.get("leadId").asString()).isEqualTo(lead.toString());
        assertThat(rendered.get("whatsappUrl").asString()).isEqualTo("https://wa.me/919812345678?text=Hello%20Priya");
        api.get("/api/v1/messagetemplate/fetch?id=" + id + "&leadId=" + lead, colleague.token()).expect(404);
    }

    @Test
    void thePlaceholderTagsAreListed() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var response = api.get("/api/v1/messagetemplate/tag/fetchAll", agent.token()).expect(200);

        assertThat(response.data().get(0).toString()).isEqualTo("{\"tag\":\"first_name\",\"placeholder\":"
                + "\"{{first_name}}\",\"description\":\"The lead's first name\"}");
        assertThat(response.raw()).contains("\"counselor_name\"", "\"organization_name\"", "{{custom.<key>}}");
    }

    private String messageTemplate(Org org, String name, String content) {
        return api.post("/api/v1/templates/messages", org.adminToken(), Map.of("name", name, "content", content))
                .expect(201).data().get("id").asString();
    }
}
