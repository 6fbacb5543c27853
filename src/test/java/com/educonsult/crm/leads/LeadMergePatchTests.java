package com.educonsult.crm.leads;

import static com.educonsult.crm.support.MergePatchChecks.assertCleared;
import static com.educonsult.crm.support.MergePatchChecks.assertRefusesNull;
import static com.educonsult.crm.support.MergePatchChecks.clear;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH of leads, statuses and students as JSON Merge Patch: absent stays, null clears, required refuse null. */
class LeadMergePatchTests extends LeadApiTest {

    @Test
    void nullClearsALeadsTextNumberDateAndListsWhileAbsentFieldsStay() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of("first_name", "Asha", "city", "Pune", "percentage", 82.5,
                "graduation_year", 2024, "date_of_birth", "2004-05-06", "next_follow_up_date", "2030-01-02T10:00:00Z",
                "tags", List.of("fair"), "custom_fields", Map.of()));
        String path = "/api/v1/leads/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), List.of("city", "percentage", "graduation_year",
                "date_of_birth", "next_follow_up_date", "tags"), Map.of("last_name", "Rao"));

        assertCleared(changed, "city", "percentage", "graduation_year", "date_of_birth", "next_follow_up_date");
        assertThat(changed.get("tags").size()).isZero();
        assertThat(changed.get("first_name").asString()).isEqualTo("Asha");
        assertThat(changed.get("last_name").asString()).isEqualTo("Rao");
        assertThat(lead(org.adminToken(), id).get("percentage").isNull()).isTrue();
    }

    @Test
    void aLeadsClearedFieldsAreInTheAuditTrail() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of("city", "Pune", "percentage", 82.5));

        clear(api, "/api/v1/leads/" + id, org.adminToken(), "city", "percentage");

        var change = tenancy.callAs(org.id(), () -> db.fetchOne("select \"before\" ->> 'city', "
                + "\"after\" -> 'city' = 'null'::jsonb, \"before\" ->> 'percentage', "
                + "\"after\" -> 'percentage' = 'null'::jsonb from audit_logs "
                + "where organization_id = ? and resource_id = ? and action = 'lead.updated'",
                org.id(), id.toString()));
        assertThat(change.get(0)).isEqualTo("Pune");
        assertThat(change.get(1)).isEqualTo(true);
        assertThat(change.get(2)).isNotNull();
        assertThat(change.get(3)).isEqualTo(true);
    }

    @Test
    void nullOnCustomFieldsRemovesThemAndNullInsideRemovesOneKey() {
        Org org = registerOrganization();
        api.put("/api/v1/leads/form", org.adminToken(), Map.of("fields", List.of(
                Map.of("key", "passport", "label", "Passport", "type", "text"),
                Map.of("key", "ielts", "label", "IELTS", "type", "text")))).expect(200);
        UUID id = createLead(org.adminToken(), Map.of("custom_fields", Map.of("passport", "yes", "ielts", "7")));
        String path = "/api/v1/leads/" + id;

        JsonNode oneRemoved = api.raw("PATCH", path, org.adminToken(), "application/merge-patch+json",
                "{\"custom_fields\": {\"ielts\": null}}").expect(200).data();
        assertThat(oneRemoved.get("custom_fields").has("ielts")).isFalse();
        assertThat(oneRemoved.get("custom_fields").get("passport").asString()).isEqualTo("yes");

        assertThat(clear(api, path, org.adminToken(), "custom_fields").get("custom_fields").size()).isZero();
    }

    @Test
    void nullOnALeadsRequiredFieldsAnswers422NamingThem() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of("first_name", "Asha"));

        assertRefusesNull(api, "/api/v1/leads/" + id, org.adminToken(), "first_name", "priority", "platform",
                "budget_currency", "status_id", "status");
        assertThat(lead(org.adminToken(), id).get("first_name").asString()).isEqualTo("Asha");
    }

    @Test
    void nullClearsAStatusesSlaAndRulesAndRefusesItsRequiredFields() {
        Org org = registerOrganization();
        UUID contacted = statusId(org, "contacted");
        String id = api.post("/api/v1/lead-statuses", org.adminToken(), Map.of("name", "On hold", "code", "on_hold",
                "sla_hours", 12, "allowed_next_status_ids", List.of(contacted))).expect(201).data()
                .get("id").asString();
        String path = "/api/v1/lead-statuses/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), "sla_hours", "allowed_next_status_ids");

        assertCleared(changed, "sla_hours");
        assertThat(changed.get("allowed_next_status_ids").size()).isZero();
        assertThat(changed.get("name").asString()).isEqualTo("On hold");
        assertRefusesNull(api, path, org.adminToken(), "name", "code", "color", "position", "is_default", "active");
    }

    @Test
    void nullClearsAStudentsDateNumberAndTextWhileAbsentFieldsStay() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());
        String id = api.post("/api/v1/leads/" + lead + "/convert", org.adminToken(), Map.of("course", "MSc",
                "enrolled_at", "2026-09-15", "fee_total", new java.math.BigDecimal("1850000.50"), "installments", 4,
                "notes", "Scholarship"))
                .expect(201).data().get("id").asString();
        String path = "/api/v1/students/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), List.of("enrolled_at", "fee_total", "installments"),
                Map.of("notes", ""));

        assertCleared(changed, "enrolled_at", "fee_total", "installments", "notes");
        assertThat(changed.get("course").asString()).isEqualTo("MSc");
        assertRefusesNull(api, path, org.adminToken(), "status", "fee_currency");
    }
}
