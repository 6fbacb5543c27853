package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeadFormTests extends LeadApiTest {

    private static final Map<String, Object> FORM = Map.of("fields", List.of(
            Map.of("key", "ielts_score", "label", "IELTS score", "type", "number", "position", 1),
            Map.of("key", "intake_year", "label", "Intake", "type", "select", "required", true,
                    "options", List.of("2025", "2026"), "position", 2),
            Map.of("key", "exams", "label", "Exams", "type", "multiselect", "options", List.of("GRE", "GMAT")),
            Map.of("key", "guardian_phone", "label", "Guardian phone", "type", "phone"),
            Map.of("key", "alt_email", "label", "Other email", "type", "email"),
            Map.of("key", "visa_refused", "label", "Visa refused before", "type", "boolean"),
            Map.of("key", "test_date", "label", "Test date", "type", "date")));

    @Test
    void anAdminDefinesTheFormAndLeadsAreCheckedAgainstIt() {
        Org org = registerOrganization();
        JsonNode form = api.put("/api/v1/leads/form", org.adminToken(), FORM).expect(200).data();
        assertThat(form.size()).isEqualTo(7);
        assertThat(api.get("/api/v1/leads/form", org.adminToken()).expect(200).data().size()).isEqualTo(7);

        JsonNode lead = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Riya", "custom_fields",
                Map.of("ielts_score", 7.5, "intake_year", "2026", "exams", List.of("GRE"),
                        "guardian_phone", "098765 43210", "alt_email", "R@X.test", "visa_refused", false,
                        "test_date", "2025-09-01"))).expect(201).data();

        JsonNode custom = lead.get("custom_fields");
        assertThat(custom.get("ielts_score").asDouble()).isEqualTo(7.5);
        assertThat(custom.get("guardian_phone").asString()).isEqualTo("+919876543210");
        assertThat(custom.get("alt_email").asString()).isEqualTo("r@x.test");
        UUID id = UUID.fromString(lead.get("id").asString());
        JsonNode changed = api.patch("/api/v1/leads/" + id, org.adminToken(),
                Map.of("custom_fields", Map.of("ielts_score", 8))).expect(200).data().get("custom_fields");
        assertThat(changed.get("ielts_score").asInt()).isEqualTo(8);
        assertThat(changed.get("intake_year").asString()).isEqualTo("2026");
    }

    @Test
    void customValuesThatBreakTheFormAreRefusedNamingTheKey() {
        Org org = registerOrganization();
        api.put("/api/v1/leads/form", org.adminToken(), FORM).expect(200);

        assertThat(custom(org, Map.of("intake_year", "2026", "ielts_score", "high"))).isEqualTo("custom_fields.ielts_score");
        assertThat(custom(org, Map.of("intake_year", "2030"))).isEqualTo("custom_fields.intake_year");
        assertThat(custom(org, Map.of())).isEqualTo("custom_fields.intake_year");
        assertThat(custom(org, Map.of("intake_year", "2026", "colour", "red"))).isEqualTo("custom_fields.colour");
        assertThat(custom(org, Map.of("intake_year", "2026", "exams", List.of("SAT")))).isEqualTo("custom_fields.exams");
        assertThat(custom(org, Map.of("intake_year", "2026", "guardian_phone", "12"))).isEqualTo("custom_fields.guardian_phone");
        assertThat(custom(org, Map.of("intake_year", "2026", "alt_email", "nope"))).isEqualTo("custom_fields.alt_email");
        assertThat(custom(org, Map.of("intake_year", "2026", "visa_refused", "no"))).isEqualTo("custom_fields.visa_refused");
        assertThat(custom(org, Map.of("intake_year", "2026", "test_date", "soon"))).isEqualTo("custom_fields.test_date");
    }

    @Test
    void anInvalidDefinitionIsRefusedNamingTheField() {
        Org org = registerOrganization();

        assertThat(put(org, List.of(Map.of("key", "level", "label", "Level", "type", "select"))))
                .isEqualTo("fields[0].options");
        assertThat(put(org, List.of(Map.of("key", "level", "label", "Level", "type", "colour"))))
                .isEqualTo("fields[0].type");
        assertThat(put(org, List.of(Map.of("key", "Level!", "label", "Level", "type", "text"))))
                .isEqualTo("fields[0].key");
        assertThat(put(org, List.of(Map.of("key", "a", "label", "A", "type", "text"),
                Map.of("key", "a", "label", "B", "type", "text")))).isEqualTo("fields[1].key");
        assertThat(api.put("/api/v1/leads/form", org.adminToken(), Map.of()).expect(422).errorField()).isEqualTo("fields");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();

        api.raw("PUT", "/api/v1/leads/form", org.adminToken(), "application/json", "{").expect(400);
        assertThat(api.put("/api/v1/leads/form", org.adminToken(), Map.of("fields", "all")).expect(400).errorField())
                .isEqualTo("fields");
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "custom_fields", "x"))
                .expect(400).errorField()).isEqualTo("custom_fields");
    }

    @Test
    void anAgentReadsTheFormButCannotChangeIt() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        api.get("/api/v1/leads/form", agent.token()).expect(200);
        api.put("/api/v1/leads/form", agent.token(), FORM).expect(403);
    }

    @Test
    void eachOrganizationHasItsOwnForm() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        api.put("/api/v1/leads/form", other.adminToken(), FORM).expect(200);

        assertThat(api.get("/api/v1/leads/form", org.adminToken()).expect(200).data().size()).isZero();
        api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Free")).expect(201);
    }

    private String custom(Org org, Map<String, Object> values) {
        return api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "custom_fields", values))
                .expect(422).errorField();
    }

    private String put(Org org, List<Map<String, Object>> fields) {
        return api.put("/api/v1/leads/form", org.adminToken(), Map.of("fields", fields)).expect(422).errorField();
    }
}
