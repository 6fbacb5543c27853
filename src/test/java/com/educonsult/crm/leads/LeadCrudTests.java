package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeadCrudTests extends LeadApiTest {

    @Test
    void anAdminCreatesALeadWithEveryFieldNormalized() {
        Org org = registerOrganization();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("first_name", "Riya", "last_name", "Sharma",
                "phone", "098765 43210", "secondary_phone", "+91 91234-56789", "email", "Riya.Sharma@Example.COM",
                "interested_courses", List.of("MBA", "MSc"), "preferred_countries", List.of("UK"),
                "priority", "hot", "tags", List.of("Fair-2025"), "budget_min", 100000));
        body.putAll(Map.of("budget_max", 250000, "platform", "facebook", "utm_source", "fb", "page_id", "p1",
                "relationship", "self", "date_of_birth", "2004-05-06", "percentage", 82.5, "graduation_year", 2024,
                "next_follow_up_date", "2030-01-02T10:00:00Z"));

        JsonNode lead = api.post("/api/v1/leads", org.adminToken(), body).expect(201).data();

        assertThat(lead.get("phone").asString()).isEqualTo("+919876543210");
        assertThat(lead.get("secondary_phone").asString()).isEqualTo("+919123456789");
        assertThat(lead.get("email").asString()).isEqualTo("riya.sharma@example.com");
        assertThat(lead.get("full_name").asString()).isEqualTo("Riya Sharma");
        assertThat(lead.get("status").get("code").asString()).isEqualTo("new");
        assertThat(lead.get("created_by").asString()).isEqualTo(org.adminId().toString());
        assertThat(lead.get("assigned_to").isNull()).isTrue();
        assertThat(lead.get("tags").get(0).asString()).isEqualTo("fair-2025");
        assertThat(lead.get("platform").asString()).isEqualTo("facebook");
        assertThat(lead.get("utm_source").asString()).isEqualTo("fb");
        assertThat(lead.get("percentage").asDouble()).isEqualTo(82.5);
        assertThat(lead.get("interested_courses").size()).isEqualTo(2);
        UUID id = UUID.fromString(lead.get("id").asString());
        assertThat(lead(org.adminToken(), id).get("date_of_birth").asString()).isEqualTo("2004-05-06");
        var stage = api.get("/api/v1/stages/lead/" + id + "/current", org.adminToken()).expect(200).data();
        assertThat(stage.get("status").get("code").asString()).isEqualTo("new");
        assertThat(stage.get("sla_due_at").isNull()).isFalse();
    }

    @Test
    void aCounselorCreatingALeadWorksItAndAManagersLeadIsInTheirBranch() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        JsonNode lead = api.post("/api/v1/leads", counselor.token(), Map.of("first_name", "Kiran"))
                .expect(201).data();

        assertThat(lead.get("assigned_to").asString()).isEqualTo(counselor.id().toString());
        assertThat(lead.get("assignee").get("id").asString()).isEqualTo(counselor.id().toString());
        assertThat(lead.get("assignee").get("full_name").asString()).isEqualTo("Test counselor");
        api.get("/api/v1/leads/" + lead.get("id").asString(), counselor.token()).expect(200);
    }

    @Test
    void aLeadIsChangedPartiallyAndItsStatusFollowsThePipeline() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of("first_name", "Asha", "city", "Pune", "phone", "9876500001"));

        JsonNode changed = api.patch("/api/v1/leads/" + id, org.adminToken(),
                Map.of("last_name", "Rao", "city", "", "status", "contacted")).expect(200).data();

        assertThat(changed.get("first_name").asString()).isEqualTo("Asha");
        assertThat(changed.get("last_name").asString()).isEqualTo("Rao");
        assertThat(changed.get("city").isNull()).isTrue();
        assertThat(changed.get("phone").asString()).isEqualTo("+919876500001");
        assertThat(changed.get("status").get("code").asString()).isEqualTo("contacted");
        assertThat(api.get("/api/v1/stages/lead/" + id + "/history", org.adminToken()).expect(200).data().size())
                .isEqualTo(2);
        var refused = api.patch("/api/v1/leads/" + id, org.adminToken(), Map.of("status", "enrolled")).expect(422);
        assertThat(refused.errorField()).isEqualTo("status");
        assertThat(refused.body().get("message").asString()).contains("counselling_scheduled", "lost");
    }

    @Test
    void theAssigneeIsNotChangedThroughTheLead() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of());

        var response = api.patch("/api/v1/leads/" + id, org.adminToken(), Map.of("assigned_to", org.adminId()))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("assigned_to");
        assertThat(response.body().get("message").asString()).contains("/api/v1/assignments");
    }

    @Test
    void aDeletedLeadIsGoneUntilRestored() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of());

        api.delete("/api/v1/leads/" + id, org.adminToken()).expect(200);
        api.get("/api/v1/leads/" + id, org.adminToken()).expect(404);
        api.patch("/api/v1/leads/" + id, org.adminToken(), Map.of("city", "X")).expect(404);
        assertThat(api.get("/api/v1/leads", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/leads?include_deleted=true", org.adminToken()).expect(200).data().size()).isOne();
        api.post("/api/v1/leads/" + id + "/restore", org.adminToken(), Map.of()).expect(200);
        api.post("/api/v1/leads/" + id + "/restore", org.adminToken(), Map.of()).expect(404);
        api.get("/api/v1/leads/" + id, org.adminToken()).expect(200);

        assertThat(auditActions(org, id)).containsExactly("lead.created", "lead.deleted", "lead.restored");
    }

    @Test
    void invalidFieldsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of());

        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("last_name", "X")).expect(422).errorField())
                .isEqualTo("first_name");
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "phone", "12"))
                .expect(422).errorField()).isEqualTo("phone");
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "priority", "lukewarm"))
                .expect(422).errorField()).isEqualTo("priority");
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "email", "nope"))
                .expect(422).errorField()).isEqualTo("email");
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "status", "nowhere"))
                .expect(422).errorField()).isEqualTo("status");
        assertThat(api.post("/api/v1/leads", org.adminToken(),
                Map.of("first_name", "A", "budget_min", 10, "budget_max", 5)).expect(422).errorField())
                .isEqualTo("budget_max");
        assertThat(api.patch("/api/v1/leads/" + id, org.adminToken(), Map.of("secondary_phone", "abc"))
                .expect(422).errorField()).isEqualTo("secondary_phone");
        assertThat(api.patch("/api/v1/leads/" + id, org.adminToken(), Map.of("first_name", " "))
                .expect(422).errorField()).isEqualTo("first_name");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of());

        api.raw("POST", "/api/v1/leads", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PATCH", "/api/v1/leads/" + id, org.adminToken(), "application/json", "{]").expect(400);
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "graduation_year", "soon"))
                .expect(400).errorField()).isEqualTo("graduation_year");
        assertThat(api.patch("/api/v1/leads/" + id, org.adminToken(), Map.of("tags", "x"))
                .expect(400).errorField()).isEqualTo("tags");
        api.get("/api/v1/leads/not-a-uuid", org.adminToken()).expect(400);
    }

    @Test
    void withoutPermissionsTheEndpointsAreForbidden() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID id = createLead(org.adminToken(), Map.of());
        assign(org, id, agent.id());

        api.delete("/api/v1/leads/" + id, agent.token()).expect(403);
        api.post("/api/v1/leads/" + id + "/restore", agent.token(), Map.of()).expect(403);
        api.get("/api/v1/leads/unassigned", agent.token()).expect(403);
        api.get("/api/v1/leads", null).expect(401);
        api.get("/api/v1/leads?include_deleted=true", agent.token()).expect(403);
    }

    @Test
    void anAgentCannotReadOrChangeALeadNotAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = createLead(org.adminToken(), Map.of("first_name", "Mine"));
        UUID theirs = createLead(org.adminToken(), Map.of("first_name", "Theirs"));
        assign(org, mine, agent.id());

        api.get("/api/v1/leads/" + mine, agent.token()).expect(200);
        api.get("/api/v1/leads/" + theirs, agent.token()).expect(404);
        api.patch("/api/v1/leads/" + theirs, agent.token(), Map.of("city", "X")).expect(404);
        var list = api.get("/api/v1/leads", agent.token()).expect(200);
        assertThat(list.data().size()).isOne();
        assertThat(list.body().get("meta").get("total").asLong()).isOne();
        assertThat(api.get("/api/v1/leads/my-leads", agent.token()).expect(200).data().get(0).get("id").asString())
                .isEqualTo(mine.toString());
    }

    @Test
    void aManagerSeesTheLeadsOfTheirBranchOnly() {
        Org org = registerOrganization();
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Pune"))
                .expect(201).data().get("id").asString());
        TestUser manager = userWithRole(org, "manager", branch);
        UUID inBranch = createLead(org.adminToken(), Map.of("branch_id", branch));
        UUID elsewhere = createLead(org.adminToken(), Map.of());

        api.get("/api/v1/leads/" + inBranch, manager.token()).expect(200);
        api.get("/api/v1/leads/" + elsewhere, manager.token()).expect(404);
        JsonNode own = api.post("/api/v1/leads", manager.token(), Map.of("first_name", "Walk-in")).expect(201).data();
        assertThat(own.get("branch_id").asString()).isEqualTo(branch.toString());
        assertThat(api.get("/api/v1/leads/unassigned", manager.token()).expect(200).data().size()).isEqualTo(2);
    }

    @Test
    void anotherOrganizationsLeadIsNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreign = createLead(other.adminToken(), Map.of("first_name", "Foreign", "phone", "9876500002"));

        var read = api.get("/api/v1/leads/" + foreign, org.adminToken()).expect(404);
        assertThat(read.body().has("data")).isFalse();
        api.patch("/api/v1/leads/" + foreign, org.adminToken(), Map.of("city", "X")).expect(404);
        api.delete("/api/v1/leads/" + foreign, org.adminToken()).expect(404);
        api.post("/api/v1/leads/" + foreign + "/restore", org.adminToken(), Map.of()).expect(404);
        assertThat(api.get("/api/v1/leads", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/leads/by-phone/9876500002", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Same", "phone", "9876500002"))
                .status()).isEqualTo(201);
    }

    private List<String> auditActions(Org org, UUID id) {
        return tenancy.callAs(org.id(), () -> db.fetch(
                "select action from audit_logs where organization_id = ? and resource_id = ? order by created_at, id",
                org.id(), id.toString()).getValues(0, String.class));
    }
}
