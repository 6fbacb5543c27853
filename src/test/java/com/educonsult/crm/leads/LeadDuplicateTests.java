package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeadDuplicateTests extends LeadApiTest {

    @Test
    void aLeadWithAnExistingPhoneIsAConflictCarryingTheExistingId() {
        Org org = registerOrganization();
        UUID existing = createLead(org.adminToken(), "Riya", "+919876543210");

        var response = api.post("/api/v1/leads", org.adminToken(),
                Map.of("first_name", "Riya again", "phone", "098765 43210")).expect(409);

        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.body().get("status").asInt()).isEqualTo(409);
        assertThat(response.errorField()).isEqualTo("phone");
        assertThat(response.body().get("data").get("existing_lead_id").asString()).isEqualTo(existing.toString());
    }

    @Test
    void aSecondaryPhoneOrAnEmailAlsoMatches() {
        Org org = registerOrganization();
        UUID existing = createLead(org.adminToken(), Map.of("first_name", "Riya", "secondary_phone", "9876543210",
                "email", "riya@x.test"));

        var byPhone = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "phone", "9876543210"))
                .expect(409);
        var byEmail = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "email", "RIYA@x.test"))
                .expect(409);

        assertThat(byPhone.body().get("data").get("existing_lead_id").asString()).isEqualTo(existing.toString());
        assertThat(byEmail.errorField()).isEqualTo("email");
        api.post("/api/v1/leads", org.adminToken(),
                Map.of("first_name", "A", "email", "riya@x.test", "allow_duplicate", true)).expect(201);
    }

    @Test
    void thePhoneIsToldBeforeTheSecondaryPhoneAndThatBeforeTheEmailEachWithItsFirstLead() {
        Org org = registerOrganization();
        UUID byEmail = createLead(org.adminToken(), Map.of("first_name", "E", "email", "e@x.test"));
        UUID bySecondary = createLead(org.adminToken(), Map.of("first_name", "S", "phone", "9876500002"));
        UUID byPhone = createLead(org.adminToken(), Map.of("first_name", "P", "secondary_phone", "9876500001"));
        createLead(org.adminToken(), Map.of("first_name", "P2", "phone", "9876500001", "allow_duplicate", true));

        var all = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "N", "phone", "9876500001",
                "secondary_phone", "9876500002", "email", "e@x.test")).expect(409);
        var notThePhone = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "N",
                "secondary_phone", "9876500002", "email", "e@x.test")).expect(409);

        assertThat(all.errorField()).isEqualTo("phone");
        assertThat(all.body().get("data").get("existing_lead_id").asString()).isEqualTo(byPhone.toString());
        assertThat(notThePhone.errorField()).isEqualTo("secondary_phone");
        assertThat(notThePhone.body().get("data").get("existing_lead_id").asString())
                .isEqualTo(bySecondary.toString());
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "N", "email", "E@x.test"))
                .expect(409).body().get("data").get("existing_lead_id").asString()).isEqualTo(byEmail.toString());
    }

    @Test
    void aDeletedLeadIsNoDuplicate() {
        Org org = registerOrganization();
        UUID existing = createLead(org.adminToken(), "Riya", "9876543210");
        api.delete("/api/v1/leads/" + existing, org.adminToken()).expect(200);

        api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Riya", "phone", "9876543210")).expect(201);
    }

    @Test
    void duplicatesAreListedInGroupsWithinTheCallersScope() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID a = createLead(org.adminToken(), "A", "9876543210");
        UUID b = createLead(org.adminToken(), Map.of("first_name", "B", "secondary_phone", "+919876543210"));
        createLead(org.adminToken(), Map.of("first_name", "C", "email", "c@x.test"));
        createLead(org.adminToken(), Map.of("first_name", "D", "email", "c@x.test"));
        createLead(org.adminToken(), "Single", "9000000001");
        assign(org, a, agent.id());

        var response = api.get("/api/v1/leads/duplicates", org.adminToken()).expect(200);
        JsonNode groups = response.data();
        assertThat(response.body().get("meta").get("total").asLong()).isEqualTo(2);
        JsonNode phoneGroup = groups.get(0).get("value").asString().startsWith("+") ? groups.get(0) : groups.get(1);
        assertThat(phoneGroup.get("matched_on").asString()).isEqualTo("phone");
        assertThat(List.of(phoneGroup.get("leads").get(0).get("id").asString(),
                phoneGroup.get("leads").get(1).get("id").asString())).containsExactly(a.toString(), b.toString());
        assertThat(api.get("/api/v1/leads/duplicates", agent.token()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/leads/duplicates?limit=0", org.adminToken()).expect(400).errorField())
                .isEqualTo("limit");
    }

    @Test
    void mergingFoldsTheOtherLeadIntoThisOne() {
        Org org = registerOrganization();
        UUID survivor = createLead(org.adminToken(), Map.of("first_name", "Riya", "phone", "9876543210",
                "tags", List.of("mba"), "interested_courses", List.of("MBA")));
        UUID merged = createLead(org.adminToken(), Map.of("first_name", "R", "phone", "9123456789",
                "email", "riya@x.test", "city", "Pune", "tags", List.of("uk", "mba"),
                "interested_courses", List.of("MSc")));
        api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", merged, "status", "contacted"))
                .expect(200);
        tenancy.runAs(org.id(), () -> db.execute("update leads set total_calls = case when id = ? then 2 else 3 end "
                + "where organization_id = ?", survivor, org.id()));

        JsonNode lead = api.post("/api/v1/leads/" + survivor + "/merge", org.adminToken(),
                Map.of("merge_lead_id", merged)).expect(200).data();

        assertThat(lead.get("first_name").asString()).isEqualTo("Riya");
        assertThat(lead.get("email").asString()).isEqualTo("riya@x.test");
        assertThat(lead.get("city").asString()).isEqualTo("Pune");
        assertThat(lead.get("secondary_phone").asString()).isEqualTo("+919123456789");
        assertThat(lead.get("tags").size()).isEqualTo(2);
        assertThat(lead.get("interested_courses").size()).isEqualTo(2);
        assertThat(lead.get("total_calls").asInt()).isEqualTo(5);
        api.get("/api/v1/leads/" + merged, org.adminToken()).expect(404);
        JsonNode history = api.get("/api/v1/stages/lead/" + survivor + "/history", org.adminToken()).expect(200).data();
        assertThat(history.size()).isEqualTo(3);
        assertThat(api.get("/api/v1/stages/lead/" + survivor + "/current", org.adminToken()).expect(200).data()
                .get("lead_id").asString()).isEqualTo(survivor.toString());
    }

    @Test
    void mergingNeedsBothLeadsVisibleAndAValidBody() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = createLead(org.adminToken(), Map.of());
        UUID theirs = createLead(org.adminToken(), Map.of());
        UUID foreign = createLead(registerOrganization().adminToken(), Map.of());
        assign(org, mine, agent.id());

        api.post("/api/v1/leads/" + mine + "/merge", agent.token(), Map.of("merge_lead_id", theirs)).expect(404);
        api.post("/api/v1/leads/" + theirs + "/merge", agent.token(), Map.of("merge_lead_id", mine)).expect(404);
        api.post("/api/v1/leads/" + mine + "/merge", org.adminToken(), Map.of("merge_lead_id", foreign)).expect(404);
        assertThat(api.post("/api/v1/leads/" + mine + "/merge", org.adminToken(), Map.of("merge_lead_id", mine))
                .expect(422).errorField()).isEqualTo("merge_lead_id");
        assertThat(api.post("/api/v1/leads/" + mine + "/merge", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("merge_lead_id");
        assertThat(api.post("/api/v1/leads/" + mine + "/merge", org.adminToken(), Map.of("merge_lead_id", 7))
                .expect(400).errorField()).isEqualTo("merge_lead_id");
        api.raw("POST", "/api/v1/leads/" + mine + "/merge", org.adminToken(), "application/json", "{").expect(400);
        TestUser noWrite = reader(org);
        api.post("/api/v1/leads/" + mine + "/merge", noWrite.token(), Map.of("merge_lead_id", theirs)).expect(403);
    }
}
