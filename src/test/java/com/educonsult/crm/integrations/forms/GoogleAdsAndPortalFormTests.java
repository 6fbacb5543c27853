package com.educonsult.crm.integrations.forms;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GoogleAdsAndPortalFormTests extends ApiTest {

    private static final String GOOGLE_KEY = "google-key-for-tests-0001";

    private JsonNode googleForm(Org org) {
        return api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Google lead form", "kind", "google_ads", "google_key", GOOGLE_KEY,
                "field_mapping", Map.of("What_course_are_you_interested_in?", "interested_courses")))
                .expect(201).data();
    }

    private static Map<String, Object> googleLead(String key, String leadId, String phone, boolean test) {
        return Map.of("lead_id", leadId, "api_version", "1.0", "form_id", 40000000001L,
                "campaign_id", 12345678901L, "google_key", key, "is_test", test, "gcl_id", "EAIaIQobChMI-test",
                "adgroup_id", 20000000001L, "creative_id", 30000000001L,
                "user_column_data", List.of(
                        Map.of("column_name", "Full Name", "string_value", "Priya Nair", "column_id", "FULL_NAME"),
                        Map.of("column_name", "User Phone", "string_value", phone, "column_id", "PHONE_NUMBER"),
                        Map.of("column_name", "User Email", "string_value", "priya@example.com", "column_id", "EMAIL"),
                        Map.of("column_name", "City", "string_value", "Kochi", "column_id", "CITY"),
                        Map.of("column_name", "Course", "string_value", "MS Data Science",
                                "column_id", "What_course_are_you_interested_in?"),
                        Map.of("column_name", "Zip", "string_value", "682001", "column_id", "POSTAL_CODE")));
    }

    private static String phone() {
        return "+9197" + String.format("%08d", (System.nanoTime() / 1000) % 100_000_000L);
    }

    private int leadCount(Org org) {
        return tenancy.callAs(org.id(), () -> db.fetchCount(LEADS));
    }

    @Test
    void aGoogleAdsLeadWithTheRightKeyBecomesALeadOnceHoweverOftenGoogleSendsIt() {
        Org org = registerOrganization();
        JsonNode form = googleForm(org);
        String path = "/webhooks/forms/" + form.get("form_key").asString();
        String leadId = "TeSter-" + UUID.randomUUID();
        String phone = phone();

        String first = api.post(path, null, googleLead(GOOGLE_KEY, leadId, phone, false)).expect(200).data()
                .get("lead_id").asString();
        String again = api.post(path, null, googleLead(GOOGLE_KEY, leadId, phone, false)).expect(200).data()
                .get("lead_id").asString();

        assertThat(again).isEqualTo(first);
        LeadsRecord lead = tenancy.callAs(org.id(), () -> db.selectFrom(LEADS)
                .where(LEADS.ID.eq(UUID.fromString(first))).fetchOne());
        assertThat(lead.getPlatform()).isEqualTo("google_ads");
        assertThat(lead.getSourceLeadId()).isEqualTo(leadId);
        assertThat(lead.getFirstName()).isEqualTo("Priya");
        assertThat(lead.getLastName()).isEqualTo("Nair");
        assertThat(lead.getCity()).isEqualTo("Kochi");
        assertThat(lead.getCampaignId()).isEqualTo("12345678901");
        assertThat(lead.getFormId()).isEqualTo("40000000001");
        assertThat(lead.getInterestedCourses()).containsExactly("MS Data Science");
        assertThat(lead.getSourceDetails()).contains("Zip: 682001").contains("EAIaIQobChMI-test");
        assertThat(leadCount(org)).isEqualTo(1);
        JsonNode logs = api.get("/api/v1/integration-logs?type=google_ads", org.adminToken()).expect(200).data();
        assertThat(logs.toString()).doesNotContain(GOOGLE_KEY);
    }

    @Test
    void aGoogleAdsLeadWithAWrongOrMissingKeyIsRefusedAndNothingIsStored() {
        Org org = registerOrganization();
        JsonNode form = googleForm(org);
        String path = "/webhooks/forms/" + form.get("form_key").asString();

        api.post(path, null, googleLead("not-the-key-at-all", "L-" + UUID.randomUUID(), phone(), false)).expect(403);
        Map<String, Object> withoutKey = new java.util.HashMap<>(googleLead("x", "L-" + UUID.randomUUID(), phone(),
                false));
        withoutKey.remove("google_key");
        api.post(path, null, withoutKey).expect(401);

        assertThat(leadCount(org)).isZero();
    }

    @Test
    void aGoogleAdsTestLeadIsRecordedButMakesNoLead() {
        Org org = registerOrganization();
        JsonNode form = googleForm(org);

        JsonNode data = api.post("/webhooks/forms/" + form.get("form_key").asString(), null,
                googleLead(GOOGLE_KEY, "TeSter-" + UUID.randomUUID(), phone(), true)).expect(200).data();

        assertThat(data.get("lead_id").isNull()).isTrue();
        assertThat(leadCount(org)).isZero();
        JsonNode submissions = api.get("/api/v1/admin/integrations/forms/" + form.get("id").asString()
                + "/submissions", org.adminToken()).expect(200).data();
        assertThat(submissions.get(0).get("status").asString()).isEqualTo("test");
    }

    @Test
    void aPortalPostIsMappedByItsJsonPaths() {
        Org org = registerOrganization();
        JsonNode form = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Study portal", "kind", "portal", "default_tags", List.of("portal"),
                "field_mapping", Map.of(
                        "lead.id", "source_lead_id",
                        "lead.contact.name", "full_name",
                        "lead.contact.phone", "phone",
                        "lead.contact.emails[0]", "email",
                        "answers[1].value", "preferred_countries",
                        "tracking.campaign", "utm_campaign"))).expect(201).data();
        String phone = phone();

        JsonNode data = api.post("/webhooks/forms/" + form.get("form_key").asString(), null, Map.of(
                "lead", Map.of("id", "P-" + phone, "contact", Map.of("name", "Farah Khan", "phone", phone,
                        "emails", List.of("farah@example.com", "f.khan@example.org"))),
                "answers", List.of(Map.of("q", "Course", "value", "Nursing"),
                        Map.of("q", "Countries", "value", List.of("Australia", "Ireland"))),
                "tracking", Map.of("campaign", "portal-spring"))).expect(200).data();

        LeadsRecord lead = tenancy.callAs(org.id(), () -> db.selectFrom(LEADS)
                .where(LEADS.ID.eq(UUID.fromString(data.get("lead_id").asString()))).fetchOne());
        assertThat(lead.getPlatform()).isEqualTo("portal");
        assertThat(lead.getSourceLeadId()).isEqualTo("P-" + phone);
        assertThat(lead.getFirstName()).isEqualTo("Farah");
        assertThat(lead.getEmail()).isEqualTo("farah@example.com");
        assertThat(lead.getPreferredCountries()).containsExactly("Australia", "Ireland");
        assertThat(lead.getUtmCampaign()).isEqualTo("portal-spring");
        assertThat(lead.getTags()).contains("portal");
        assertThat(lead.getSource()).isEqualTo("Study portal");
    }

    @Test
    void aJsonPathReadsNestedObjectsAndListItems() {
        JsonNode root = JSON.readTree("{\"a\":{\"b\":[{\"c\":1},{\"c\":[5,6]}]},\"x\":null}");

        assertThat(LeadMapping.at(root, "a.b[1].c[1]").asInt()).isEqualTo(6);
        assertThat(LeadMapping.at(root, "a.b[0].c").asInt()).isEqualTo(1);
        assertThat(LeadMapping.at(root, "a.b[7].c")).isNull();
        assertThat(LeadMapping.at(root, "a.missing.c")).isNull();
        assertThat(LeadMapping.at(root, "x.y")).isNull();
    }
}
