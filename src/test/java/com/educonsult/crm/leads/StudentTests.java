package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StudentTests extends AssignmentFixtures {

    private static final Map<String, Object> ENROLMENT = Map.of("course", "MSc Data Science",
            "institution", "University of Leeds", "country", "UK", "intake", "Sep 2026", "enrolled_at", "2026-09-15",
            "fee_total", new java.math.BigDecimal("1850000.50"), "fee_currency", "GBP", "installments", 4, "notes", "Scholarship pending");

    @Test
    void convertingALeadMakesItsStudentRecordStampsTheLeadAndIsAudited() {
        Org org = registerOrganization();
        UUID lead = lead(org, "Riya", null, null);

        JsonNode student = api.post("/api/v1/leads/" + lead + "/convert", org.adminToken(), ENROLMENT).expect(201).data();

        assertThat(student.get("lead_id").asString()).isEqualTo(lead.toString());
        assertThat(student.get("lead_name").asString()).isEqualTo("Riya Lead");
        assertThat(student.get("email").asString()).isEqualTo("riya@lead.test");
        assertThat(student.get("phone").asString()).startsWith("+91");
        assertThat(student.get("status").asString()).isEqualTo("enrolled");
        assertThat(student.get("course").asString()).isEqualTo("MSc Data Science");
        assertThat(student.get("enrolled_at").asString()).isEqualTo("2026-09-15");
        assertThat(student.get("fee_total").decimalValue()).isEqualByComparingTo("1850000.50");
        assertThat(student.get("fee_currency").asString()).isEqualTo("GBP");
        assertThat(student.get("installments").asInt()).isEqualTo(4);
        assertThat(tenancy.callAs(org.id(), () -> db.select(LEADS.CONVERTED_AT).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(org.id()), LEADS.ID.eq(lead)).fetchOne(LEADS.CONVERTED_AT))).isNotNull();
        String id = student.get("id").asString();
        assertThat(auditActions(org, id)).containsExactly("student.created");
        assertThat(api.get("/api/v1/students/" + id, org.adminToken()).expect(200).data().get("lead_id").asString())
                .isEqualTo(lead.toString());
    }

    @Test
    void aLeadIsConvertedOnlyOnce() {
        Org org = registerOrganization();
        UUID lead = lead(org, "Sana", null, null);
        api.post("/api/v1/leads/" + lead + "/convert", org.adminToken(), Map.of()).expect(201);

        assertThat(api.post("/api/v1/leads/" + lead + "/convert", org.adminToken(), ENROLMENT).expect(409).errorField())
                .isEqualTo("lead_id");
    }

    @Test
    void badEnrolmentFieldsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = lead(org, "Tara", null, null);

        assertThat(convert(org, lead, "fee_total", "-1").expect(422).errorField()).isEqualTo("fee_total");
        assertThat(convert(org, lead, "fee_currency", "rupees").expect(422).errorField()).isEqualTo("fee_currency");
        assertThat(convert(org, lead, "installments", 61).expect(422).errorField()).isEqualTo("installments");
        assertThat(convert(org, lead, "course", "x".repeat(201)).expect(422).errorField()).isEqualTo("course");
        assertThat(convert(org, lead, "enrolled_at", "next week").expect(400).errorField()).isEqualTo("enrolled_at");
        assertThat(convert(org, lead, "installments", "four").expect(400).errorField()).isEqualTo("installments");
        api.raw("POST", "/api/v1/leads/" + lead + "/convert", org.adminToken(), "application/json", "{").expect(400);
        api.post("/api/v1/leads/not-a-uuid/convert", org.adminToken(), Map.of()).expect(400);
        api.get("/api/v1/students/not-a-uuid", org.adminToken()).expect(400);
    }

    @Test
    void listingFiltersByStatusIntakeCountryAndSearchesTheLeadsName() {
        Org org = registerOrganization();
        String uk = student(org, "Uma", Map.of("country", "UK", "intake", "Sep 2026"));
        String canada = student(org, "Vani", Map.of("country", "Canada", "intake", "Jan 2027"));
        api.patch("/api/v1/students/" + canada, org.adminToken(), Map.of("status", "deferred")).expect(200);

        var all = api.get("/api/v1/students?limit=1", org.adminToken()).expect(200);
        assertThat(all.body().get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(all.data().size()).isEqualTo(1);
        assertThat(ids(api.get("/api/v1/students?status=deferred", org.adminToken()).expect(200).data()))
                .containsExactly(canada);
        assertThat(ids(api.get("/api/v1/students?country=uk", org.adminToken()).expect(200).data()))
                .containsExactly(uk);
        assertThat(ids(api.get("/api/v1/students?intake=Jan%202027", org.adminToken()).expect(200).data()))
                .containsExactly(canada);
        assertThat(ids(api.get("/api/v1/students?search=uma", org.adminToken()).expect(200).data()))
                .containsExactly(uk);
        assertThat(api.get("/api/v1/students?status=graduated", org.adminToken()).expect(422).errorField())
                .isEqualTo("status");
        assertThat(api.get("/api/v1/students?limit=0", org.adminToken()).expect(400).errorField()).isEqualTo("limit");
    }

    @Test
    void changingAStudentUpdatesStatusAndFieldsAndIsAudited() {
        Org org = registerOrganization();
        String id = student(org, "Wafa", Map.of("course", "MBA", "notes", "First note"));

        JsonNode changed = api.patch("/api/v1/students/" + id, org.adminToken(), Map.of("status", "withdrawn",
                "fee_total", new java.math.BigDecimal("1000.00"), "notes", "")).expect(200).data();

        assertThat(changed.get("status").asString()).isEqualTo("withdrawn");
        assertThat(changed.get("fee_total").decimalValue()).isEqualByComparingTo("1000");
        assertThat(changed.get("course").asString()).isEqualTo("MBA");
        assertThat(changed.get("notes").isNull()).isTrue();
        assertThat(auditActions(org, id)).containsExactly("student.created", "student.updated");
        assertThat(api.patch("/api/v1/students/" + id, org.adminToken(), Map.of("status", "expelled"))
                .expect(422).errorField()).isEqualTo("status");
        assertThat(api.patch("/api/v1/students/" + id, org.adminToken(), Map.of("installments", true))
                .expect(400).errorField()).isEqualTo("installments");
        api.raw("PATCH", "/api/v1/students/" + id, org.adminToken(), "application/json", "{\"status\"").expect(400);
    }

    @Test
    void anAgentWorksOnlyWithStudentsOfTheirOwnLeads() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID ownLead = lead(org, "Xena", agent.id(), null);
        UUID othersLead = lead(org, "Yara", org.adminId(), null);
        String others = api.post("/api/v1/leads/" + othersLead + "/convert", org.adminToken(), Map.of())
                .expect(201).data().get("id").asString();

        String own = api.post("/api/v1/leads/" + ownLead + "/convert", agent.token(), Map.of("course", "BSc"))
                .expect(201).data().get("id").asString();
        api.post("/api/v1/leads/" + lead(org, "Zoya", org.adminId(), null) + "/convert", agent.token(), Map.of())
                .expect(404);
        api.get("/api/v1/students/" + others, agent.token()).expect(404);
        api.patch("/api/v1/students/" + others, agent.token(), Map.of("status", "completed")).expect(404);
        assertThat(ids(api.get("/api/v1/students", agent.token()).expect(200).data())).containsExactly(own);
    }

    @Test
    void withoutWritePermissionAStudentCannotBeMadeOrChanged() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID lead = lead(org, "Ada", agent.id(), null);
        String id = student(org, "Bea", Map.of());
        tenancy.runAs(org.id(), () -> db.execute("delete from role_permissions where organization_id = ? and "
                + "permission in ('leads:write', 'leads:read') and role_id = (select id from roles where "
                + "organization_id = ? and code = 'agent')", org.id(), org.id()));
        TestUser limited = userWithRole(org, "agent");

        api.post("/api/v1/leads/" + lead + "/convert", limited.token(), Map.of()).expect(403);
        api.patch("/api/v1/students/" + id, limited.token(), Map.of("status", "completed")).expect(403);
        api.get("/api/v1/students", limited.token()).expect(403);
        api.get("/api/v1/students/" + id, limited.token()).expect(403);
    }

    @Test
    void anotherOrganizationsLeadsAndStudentsAreNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignLead = lead(other, "Cora", null, null);
        String foreignStudent = student(other, "Dina", Map.of());

        api.post("/api/v1/leads/" + foreignLead + "/convert", org.adminToken(), Map.of()).expect(404);
        var response = api.get("/api/v1/students/" + foreignStudent, org.adminToken()).expect(404);
        assertThat(response.raw()).doesNotContain("Dina");
        api.patch("/api/v1/students/" + foreignStudent, org.adminToken(), Map.of("status", "completed")).expect(404);
        assertThat(api.get("/api/v1/students", org.adminToken()).expect(200).data().size()).isZero();
    }

    private String student(Org org, String name, Map<String, Object> fields) {
        UUID lead = lead(org, name, null, null);
        return api.post("/api/v1/leads/" + lead + "/convert", org.adminToken(), fields).expect(201).data()
                .get("id").asString();
    }

    private Response convert(Org org, UUID lead, String field, Object value) {
        Map<String, Object> body = new HashMap<>(ENROLMENT);
        body.put(field, value);
        return api.post("/api/v1/leads/" + lead + "/convert", org.adminToken(), body);
    }

    private static java.util.List<String> ids(JsonNode items) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
