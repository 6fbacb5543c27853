package com.educonsult.crm.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.catalog.CatalogFixtures;
import com.educonsult.crm.support.ApiTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageTemplateTests extends ApiTest {

    private static final String PATH = "/api/v1/templates/messages";

    private CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(api, db, tenancy);
    }

    @Test
    void aNewOrganizationHasDefaultMessageTemplates() {
        Org org = registerOrganization();

        List<String> names = names(api.get(PATH, org.adminToken()).expect(200).data());

        assertThat(names).contains("Welcome", "Follow-up reminder", "Document request", "Counselling session confirmation");
        assertThat(tags(org)).contains("welcome", "documents");
    }

    @Test
    void anAdminCreatesReadsChangesAndDeletesAMessageTemplate() {
        Org org = registerOrganization();

        JsonNode created = api.post(PATH, org.adminToken(), Map.of("name", "Visa update", "category", "visa_info",
                "is_whatsapp", true, "is_sms", true, "subject", "Visa news for {{first_name}}",
                "content", "Hi {{first_name}}, your {{country}} visa file is {{custom.visa_status}}.",
                "tags", List.of("Visa", " visa ", "Updates"))).expect(201).data();
        UUID id = UUID.fromString(created.get("id").asString());
        assertThat(created.get("is_whatsapp").asBoolean()).isTrue();
        assertThat(created.get("is_sms").asBoolean()).isTrue();
        assertThat(created.get("is_email").asBoolean()).isFalse();
        assertThat(created.get("placeholders").toString()).isEqualTo("[\"first_name\",\"country\",\"custom.visa_status\"]");
        assertThat(created.get("tags").toString()).isEqualTo("[\"visa\",\"updates\"]");
        assertThat(created.get("created_by").asString()).isEqualTo(org.adminId().toString());

        assertThat(api.get(PATH + "/" + id, org.adminToken()).expect(200).data().get("name").asString())
                .isEqualTo("Visa update");
        JsonNode changed = api.patch(PATH + "/" + id, org.adminToken(), Map.of("is_sms", false, "is_email", true,
                "content", "Hello {{full_name}}", "active", false)).expect(200).data();
        assertThat(changed.get("is_email").asBoolean()).isTrue();
        assertThat(changed.get("active").asBoolean()).isFalse();
        assertThat(changed.get("placeholders").toString()).isEqualTo("[\"first_name\",\"full_name\"]");
        api.delete(PATH + "/" + id, org.adminToken()).expect(200);
        api.get(PATH + "/" + id, org.adminToken()).expect(404);

        assertThat(fixtures.auditActions(org, id))
                .containsExactly("message_template.created", "message_template.updated", "message_template.deleted");
    }

    @Test
    void templatesAreFilteredByCategoryChannelTagAndText() {
        Org org = registerOrganization();
        create(org, Map.of("name", "Quokka offer", "category", "offer", "is_whatsapp", false, "is_sms", true,
                "content", "Quokka scholarship", "tags", List.of("quokka")));
        create(org, Map.of("name", "Quokka email", "category", "offer", "is_whatsapp", false, "is_email", true,
                "content", "Quokka by mail", "tags", List.of("quokka", "mail")));

        assertThat(names(list(org, "search=quokka"))).containsExactly("Quokka email", "Quokka offer");
        assertThat(names(list(org, "search=quokka&channel=sms"))).containsExactly("Quokka offer");
        assertThat(names(list(org, "search=quokka&channel=EMAIL"))).containsExactly("Quokka email");
        assertThat(names(list(org, "search=quokka&channel=whatsapp"))).isEmpty();
        assertThat(names(list(org, "tag=Mail"))).containsExactly("Quokka email");
        assertThat(names(list(org, "category=offer"))).containsExactly("Quokka email", "Quokka offer");
        assertThat(names(list(org, "search=scholarship"))).containsExactly("Quokka offer");
        assertThat(api.get(PATH + "?search=quokka&limit=1", org.adminToken()).expect(200).body().get("meta")
                .get("total").asInt()).isEqualTo(2);
        assertThat(tags(org)).contains("quokka", "mail");
        api.get(PATH + "/tags", org.adminToken()).expect(200).data().forEach(t -> {
            if (t.get("tag").asString().equals("quokka")) {
                assertThat(t.get("template_count").asInt()).isEqualTo(2);
            }
        });
        assertThat(api.get(PATH + "?channel=pigeon", org.adminToken()).expect(422).errorField()).isEqualTo("channel");
        assertThat(names(list(org, "search=quokka&channel=&tag=&category="))).hasSize(2);
    }

    @Test
    void invalidTemplatesAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID id = create(org, Map.of("name", "Valid", "content", "Hi {{first_name}}"));

        assertThat(post(org, Map.of("content", "x")).expect(422).errorField()).isEqualTo("name");
        assertThat(post(org, Map.of("name", "N")).expect(422).errorField()).isEqualTo("content");
        assertThat(post(org, Map.of("name", "N", "content", "Hi {{first_name")).expect(422).errorField()).isEqualTo("content");
        assertThat(post(org, Map.of("name", "N", "content", "Hi first_name}}")).expect(422).errorField()).isEqualTo("content");
        assertThat(post(org, Map.of("name", "N", "content", "Hi {{first name}}")).expect(422).errorField()).isEqualTo("content");
        assertThat(post(org, Map.of("name", "N", "content", "x", "subject", "{{oops")).expect(422).errorField())
                .isEqualTo("subject");
        assertThat(post(org, Map.of("name", "N", "content", "x", "category", "Visa Info")).expect(422).errorField())
                .isEqualTo("category");
        assertThat(post(org, Map.of("name", "N", "content", "x", "is_whatsapp", false)).expect(422).errorField())
                .isEqualTo("is_whatsapp");
        assertThat(post(org, Map.of("name", "N", "content", "x", "tags", List.of("")))
                .expect(422).errorField()).startsWith("tags");
        assertThat(post(org, Map.of("name", "VALID", "content", "x")).expect(409).errorField()).isEqualTo("name");
        assertThat(api.patch(PATH + "/" + id, org.adminToken(), Map.of("content", "Bye {{last_name}")).expect(422)
                .errorField()).isEqualTo("content");
        assertThat(api.patch(PATH + "/" + id, org.adminToken(), Map.of("name", " ")).expect(422).errorField())
                .isEqualTo("name");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID id = create(org, Map.of("name", "Typed", "content", "x"));

        api.raw("POST", PATH, org.adminToken(), "application/json", "{").expect(400);
        api.raw("PATCH", PATH + "/" + id, org.adminToken(), "application/json", "[1,").expect(400);
        assertThat(post(org, Map.of("name", "N", "content", "x", "is_sms", "often")).expect(400).errorField())
                .isEqualTo("is_sms");
        assertThat(post(org, Map.of("name", "N", "content", "x", "tags", Map.of("a", 1))).expect(400).errorField())
                .isEqualTo("tags");
        assertThat(api.post(PATH + "/" + id + "/render", org.adminToken(), Map.of("lead_id", "nope")).expect(400)
                .errorField()).isEqualTo("lead_id");
        assertThat(api.post(PATH + "/" + id + "/render", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("lead_id");
        api.raw("POST", PATH + "/" + id + "/render", org.adminToken(), "application/json", "{").expect(400);
    }

    @Test
    void renderingFillsTheLeadsFieldsAndGivesAWhatsAppLink() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID template = create(org, Map.of("name", "Everything", "is_whatsapp", true,
                "subject", "For {{full_name}}",
                "content", "Hi {{first_name}} {{last_name}} ({{full_name}}), student {{student_name}}, parent "
                        + "{{parent_name}}, {{phone}}, {{email}}: {{course}} in {{country}} with {{counselor_name}} "
                        + "of {{organization_name}}. Passport: {{custom.passport}}. {{custom.ielts}}{{mystery}} & more"));
        UUID lead = fixtures.lead(org, counselor.id(), l -> {
            l.setFirstName("Asha");
            l.setLastName("Verma");
            l.setStudentName("Asha Verma");
            l.setParentName("Rakesh Verma");
            l.setPhone("+919876543210");
            l.setEmail("asha@example.test");
            l.setInterestedCourses(new String[] {"MSc Data Science", "MBA"});
            l.setPreferredCountries(new String[] {"gb", "CA"});
            l.setCustomFields(JSONB.valueOf("{\"passport\": \"ready\", \"ielts\": null}"));
        });

        JsonNode rendered = api.post(PATH + "/" + template + "/render", counselor.token(),
                Map.of("lead_id", lead.toString())).expect(200).data();

        String expected = "Hi Asha Verma (Asha Verma), student Asha Verma, parent Rakesh Verma, +919876543210, "
                + "asha@example.test: MSc Data Science in United Kingdom with Test counselor of Consultancy "
                + org.slug() + ". Passport: ready. {{mystery}} & more";
        assertThat(rendered.get("text").asString()).isEqualTo(expected);
        assertThat(rendered.get("subject").asString()).isEqualTo("For Asha Verma");
        assertThat(rendered.get("unknown_placeholders").toString()).isEqualTo("[\"mystery\"]");
        assertThat(rendered.get("empty_placeholders").toString()).isEqualTo("[\"custom.ielts\"]");
        String url = rendered.get("whatsapp_url").asString();
        assertThat(url).startsWith("https://wa.me/919876543210?text=").doesNotContain("+").doesNotContain(" ");
        assertThat(URLDecoder.decode(url.substring(url.indexOf("text=") + 5), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void noWhatsAppLinkForAnSmsTemplateOrALeadWithoutAPhone() {
        Org org = registerOrganization();
        UUID sms = create(org, Map.of("name", "Sms only", "is_whatsapp", false, "is_sms", true,
                "content", "Hi {{first_name}}, {{counselor_name}} here"));
        UUID whatsapp = create(org, Map.of("name", "Chat", "content", "Hi {{first_name}}"));
        UUID withPhone = fixtures.lead(org, null, l -> l.setPhone("+447700900123"));
        UUID withoutPhone = fixtures.lead(org, null, l -> { });

        JsonNode smsRendered = render(org.adminToken(), sms, withPhone).expect(200).data();
        assertThat(smsRendered.get("whatsapp_url").isNull()).isTrue();
        assertThat(smsRendered.get("text").asString()).as("an unassigned lead's counselor is the sender")
                .isEqualTo("Hi Priya, Ada Admin here");
        assertThat(render(org.adminToken(), whatsapp, withoutPhone).expect(200).data().get("whatsapp_url").isNull()).isTrue();
        assertThat(render(org.adminToken(), whatsapp, withPhone).expect(200).data().get("whatsapp_url").asString())
                .isEqualTo("https://wa.me/447700900123?text=Hi%20Priya");
    }

    @Test
    void anAgentRendersOnlyForLeadsAssignedToThemAndCannotChangeTemplates() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID template = create(org, Map.of("name", "Agent use", "content", "Hi {{first_name}}"));
        UUID theirs = fixtures.lead(org, agent.id(), l -> { });
        UUID notTheirs = fixtures.lead(org, null, l -> { });

        render(agent.token(), template, theirs).expect(200);
        assertThat(render(agent.token(), template, notTheirs).expect(404).body().has("data")).isFalse();
        api.get(PATH, agent.token()).expect(200);
        api.get(PATH + "/tags", agent.token()).expect(200);
        api.get(PATH + "/" + template, agent.token()).expect(200);
        post(agent.token(), Map.of("name", "Mine", "content", "x")).expect(403);
        api.patch(PATH + "/" + template, agent.token(), Map.of("name", "Mine")).expect(403);
        api.delete(PATH + "/" + template, agent.token()).expect(403);
    }

    @Test
    void renderingNeedsTheTemplatesReadPermission() {
        Org org = registerOrganization();
        fixtures.revoke(org, "agent", "templates:read");
        TestUser agent = userWithRole(org, "agent");
        UUID template = create(org, Map.of("name", "Locked", "content", "x"));
        UUID lead = fixtures.lead(org, agent.id(), l -> { });

        render(agent.token(), template, lead).expect(403);
        api.get(PATH, agent.token()).expect(403);
    }

    @Test
    void anotherOrganizationsTemplatesAndLeadsAreNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignTemplate = create(other, Map.of("name", "Secret", "content", "Hi {{first_name}}"));
        UUID foreignLead = fixtures.lead(other, null, l -> l.setPhone("+919000000001"));
        UUID ownTemplate = create(org, Map.of("name", "Own", "content", "Hi {{first_name}}"));

        assertThat(api.get(PATH + "/" + foreignTemplate, org.adminToken()).expect(404).body().has("data")).isFalse();
        api.patch(PATH + "/" + foreignTemplate, org.adminToken(), Map.of("name", "Ours")).expect(404);
        api.delete(PATH + "/" + foreignTemplate, org.adminToken()).expect(404);
        assertThat(render(org.adminToken(), foreignTemplate, foreignLead).expect(404).body().has("data")).isFalse();
        assertThat(render(org.adminToken(), ownTemplate, foreignLead).expect(404).body().has("data")).isFalse();
        assertThat(names(list(org, "search=secret"))).isEmpty();
    }

    private JsonNode list(Org org, String query) {
        return api.get(PATH + "?" + query, org.adminToken()).expect(200).data();
    }

    private List<String> tags(Org org) {
        List<String> tags = new ArrayList<>();
        api.get(PATH + "/tags", org.adminToken()).expect(200).data().forEach(t -> tags.add(t.get("tag").asString()));
        return tags;
    }

    private Response render(String token, UUID template, UUID lead) {
        return api.post(PATH + "/" + template + "/render", token, Map.of("lead_id", lead.toString()));
    }

    private Response post(Org org, Map<String, Object> body) {
        return post(org.adminToken(), body);
    }

    private Response post(String token, Map<String, Object> body) {
        return api.post(PATH, token, new HashMap<>(body));
    }

    private UUID create(Org org, Map<String, Object> body) {
        return UUID.fromString(post(org, body).expect(201).data().get("id").asString());
    }

    private static List<String> names(JsonNode templates) {
        List<String> names = new ArrayList<>();
        templates.forEach(t -> names.add(t.get("name").asString()));
        return names;
    }
}
