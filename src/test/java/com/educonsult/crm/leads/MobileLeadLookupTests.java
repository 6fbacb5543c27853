package com.educonsult.crm.leads;

import static com.educonsult.crm.leads.MobileLeadTests.LEAD_FIELDS;
import static com.educonsult.crm.leads.MobileLeadTests.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Android app's lead lookups: by number, deletion and restore, tags, the form and assignment. */
class MobileLeadLookupTests extends LeadApiTest {

    private TestUser outsider(Org org) {
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "outsider", "name", "Outsider",
                "data_scope", "all", "permissions", List.of("catalog:read"))).expect(201);
        return userWithRole(org, "outsider");
    }

    @Test
    void getByNumberFindsTheLeadWhateverTheFormatOfTheNumber() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), Map.of("first_name", "Riya", "phone", "9876543210",
                "secondary_phone", "+91 91234 56789"));

        for (String phone : List.of("9876543210", "098765 43210", "+91 98765-43210", "0091 98765 43210",
                "+919876543210", "+91-98765-43210", "91234 56789")) {
            Response response = api.post("/api/v1/lead/getByNumber", org.adminToken(), Map.of("phone", phone))
                    .expect(200);
            assertThat(response.body().get("status").asBoolean()).as(phone).isTrue();
            assertThat(response.data().get("id").asString()).as(phone).isEqualTo(id.toString());
            assertThat(names(response.data())).containsExactlyElementsOf(LEAD_FIELDS);
        }
        Response missing = api.post("/api/v1/lead/getByNumber", org.adminToken(), Map.of("phone", "9876500000"))
                .expect(404);
        assertThat(missing.body().get("status").asBoolean(true)).isFalse();
        assertThat(missing.body().get("message").asString()).isEqualTo("Lead not found");
    }

    @Test
    void getByNumberStaysWithinTheCallersScopeAndOrganization() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID lead = createLead(org.adminToken(), "Riya", "9876543210");
        createLead(other.adminToken(), "Elsewhere", "9876500002");

        api.post("/api/v1/lead/getByNumber", agent.token(), Map.of("phone", "9876543210")).expect(404);
        api.post("/api/v1/lead/getByNumber", org.adminToken(), Map.of("phone", "9876500002")).expect(404);
        assign(org, lead, agent.id());
        assertThat(api.post("/api/v1/lead/getByNumber", agent.token(), Map.of("phone", "098765 43210")).expect(200)
                .data().get("id").asString()).isEqualTo(lead.toString());
    }

    @Test
    void getByNumberRefusesBadInput() {
        Org org = registerOrganization();
        assertThat(api.post("/api/v1/lead/getByNumber", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("phone");
        assertThat(api.post("/api/v1/lead/getByNumber", org.adminToken(), Map.of("phone", "abc")).expect(422)
                .errorField()).isEqualTo("phone");
        assertThat(api.post("/api/v1/lead/getByNumber", org.adminToken(), Map.of("phone", Map.of())).expect(400)
                .errorField()).isEqualTo("phone");
        api.raw("POST", "/api/v1/lead/getByNumber", org.adminToken(), "application/json", "{").expect(400);
        api.post("/api/v1/lead/getByNumber", outsider(org).token(), Map.of("phone", "9876543210")).expect(403);
    }

    @Test
    void isDeletedTellsWhetherALeadByIdOrNumberIsDeleted() {
        Org org = registerOrganization();
        UUID gone = createLead(org.adminToken(), "Gone", "9876500001");
        UUID live = createLead(org.adminToken(), "Live", "9876500002");
        api.delete("/api/v1/leads/" + gone, org.adminToken()).expect(200);

        JsonNode deleted = api.post("/api/v1/lead/isDeleted", org.adminToken(), Map.of("leadId", gone.toString()))
                .expect(200).data();
        assertThat(names(deleted)).containsExactly("leadId", "isDeleted", "deletedAt");
        assertThat(deleted.get("isDeleted").asBoolean()).isTrue();
        assertThat(deleted.get("deletedAt").asString()).isNotBlank();
        JsonNode byNumber = api.post("/api/v1/lead/isDeleted", org.adminToken(), Map.of("number", "098765 00001"))
                .expect(200).data();
        assertThat(byNumber.get("leadId").asString()).isEqualTo(gone.toString());
        assertThat(byNumber.get("isDeleted").asBoolean()).isTrue();
        JsonNode alive = api.post("/api/v1/lead/isDeleted", org.adminToken(), Map.of("leadId", live.toString()))
                .expect(200).data();
        assertThat(alive.get("isDeleted").asBoolean()).isFalse();
        assertThat(alive.get("deletedAt").isNull()).isTrue();
        UUID again = createLead(org.adminToken(), "Again", "9876500001");
        JsonNode liveFirst = api.post("/api/v1/lead/isDeleted", org.adminToken(), Map.of("number", "9876500001"))
                .expect(200).data();
        assertThat(liveFirst.get("leadId").asString()).isEqualTo(again.toString());
        assertThat(liveFirst.get("isDeleted").asBoolean()).isFalse();
    }

    @Test
    void isDeletedAndRestoreStayWithinScopeAndNeedTheDeletePermission() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser manager = userWithRole(org, "manager");
        UUID gone = createLead(org.adminToken(), "Gone", "9876500001");
        UUID elsewhere = createLead(other.adminToken(), "Elsewhere", "9876500002");
        api.delete("/api/v1/leads/" + gone, org.adminToken()).expect(200);
        api.delete("/api/v1/leads/" + elsewhere, other.adminToken()).expect(200);
        assign(org, gone, counselor.id());

        Response refused = api.post("/api/v1/lead/isDeleted", counselor.token(), Map.of("leadId", gone.toString()))
                .expect(403);
        assertThat(refused.body().get("status").asBoolean(true)).isFalse();
        api.post("/api/v1/lead/restore", counselor.token(), Map.of("leadId", gone.toString())).expect(403);
        api.post("/api/v1/lead/isDeleted", manager.token(), Map.of("leadId", gone.toString())).expect(404);
        api.post("/api/v1/lead/isDeleted", manager.token(), Map.of("number", "9876500001")).expect(404);
        api.post("/api/v1/lead/restore", manager.token(), Map.of("leadId", gone.toString())).expect(404);
        api.post("/api/v1/lead/isDeleted", org.adminToken(), Map.of("leadId", elsewhere.toString())).expect(404);
        api.post("/api/v1/lead/restore", org.adminToken(), Map.of("leadId", elsewhere.toString())).expect(404);
        api.post("/api/v1/lead/isDeleted", org.adminToken(), Map.of("leadId", UUID.randomUUID().toString()))
                .expect(404);
    }

    @Test
    void restoreBringsADeletedLeadBack() {
        Org org = registerOrganization();
        UUID gone = createLead(org.adminToken(), "Gone", "9876500001");
        api.delete("/api/v1/leads/" + gone, org.adminToken()).expect(200);

        Response restored = api.post("/api/v1/lead/restore", org.adminToken(), Map.of("leadId", gone.toString()))
                .expect(200);

        assertThat(restored.body().get("status").asBoolean()).isTrue();
        assertThat(restored.body().get("message").asString()).isEqualTo("Lead restored");
        assertThat(names(restored.data())).containsExactlyElementsOf(LEAD_FIELDS);
        assertThat(restored.data().get("id").asString()).isEqualTo(gone.toString());
        assertThat(lead(org.adminToken(), gone).get("deleted_at").isNull()).isTrue();
        api.post("/api/v1/lead/restore", org.adminToken(), Map.of("leadId", gone.toString())).expect(404);
    }

    @Test
    void leadReferencesAreCheckedNamingTheField() {
        Org org = registerOrganization();
        for (String path : List.of("/api/v1/lead/isDeleted", "/api/v1/lead/isAssignedToMe")) {
            assertThat(api.post(path, org.adminToken(), Map.of()).expect(422).errorField()).isEqualTo("leadId");
            assertThat(api.post(path, org.adminToken(), Map.of("leadId", "abc")).expect(400).errorField())
                    .isEqualTo("leadId");
            assertThat(api.post(path, org.adminToken(), Map.of("number", "abc")).expect(422).errorField())
                    .isEqualTo("number");
            api.raw("POST", path, org.adminToken(), "application/json", "[").expect(400);
        }
        Response missing = api.post("/api/v1/lead/restore", org.adminToken(), Map.of()).expect(422);
        assertThat(missing.errorField()).isEqualTo("leadId");
        assertThat(missing.body().get("status").asBoolean(true)).isFalse();
        assertThat(api.post("/api/v1/lead/restore", org.adminToken(), Map.of("leadId", 12)).expect(400).errorField())
                .isEqualTo("leadId");
    }

    @Test
    void allTagsListsTheTagsOfTheCallersLeads() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = createLead(org.adminToken(), Map.of("first_name", "Mine", "tags", List.of("vip", "fair")));
        createLead(org.adminToken(), Map.of("first_name", "Theirs", "tags", List.of("fair", "web")));
        createLead(other.adminToken(), Map.of("first_name", "Elsewhere", "tags", List.of("secret")));
        assign(org, mine, agent.id());

        Response response = api.post("/api/v1/lead/allTags", org.adminToken(), Map.of()).expect(200);
        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(strings(response.data())).containsExactly("fair", "vip", "web");
        assertThat(strings(api.post("/api/v1/lead/allTags", agent.token(), Map.of()).expect(200).data()))
                .containsExactlyInAnyOrder("fair", "vip");
        api.post("/api/v1/lead/allTags", outsider(org).token(), Map.of()).expect(403);
    }

    @Test
    void theDynamicFormIsTheOrganizationsCustomFields() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        api.put("/api/v1/leads/form", org.adminToken(), Map.of("fields", List.of(
                Map.of("key", "intake_year", "label", "Intake year", "type", "select", "required", true,
                        "options", List.of("2025", "2026")),
                Map.of("key", "ielts_score", "label", "IELTS", "type", "number")))).expect(200);

        Response response = api.post("/api/v1/lead/form/getDynamicComponentDetails", agent.token(), Map.of())
                .expect(200);

        assertThat(response.body().get("status").asBoolean()).isTrue();
        JsonNode fields = response.data();
        assertThat(fields.size()).isEqualTo(2);
        assertThat(names(fields.get(0))).containsExactly("key", "label", "type", "required", "options", "position");
        assertThat(fields.get(0).get("key").asString()).isEqualTo("intake_year");
        assertThat(fields.get(0).get("required").asBoolean()).isTrue();
        assertThat(strings(fields.get(0).get("options"))).containsExactly("2025", "2026");
        assertThat(fields.get(1).get("type").asString()).isEqualTo("number");
        assertThat(fields.get(1).get("required").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/lead/form/getDynamicComponentDetails", other.adminToken(), Map.of())
                .expect(200).data().size()).isZero();
        api.post("/api/v1/lead/form/getDynamicComponentDetails", outsider(org).token(), Map.of()).expect(403);
    }

    @Test
    void isAssignedToMeAnswersForTheCallersLeadsOnly() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = createLead(org.adminToken(), "Mine", "9876500001");
        UUID notMine = createLead(org.adminToken(), "Not mine", "9876500002");
        UUID elsewhere = createLead(other.adminToken(), "Elsewhere", "9876500003");
        assign(org, mine, agent.id());

        JsonNode byId = api.post("/api/v1/lead/isAssignedToMe", agent.token(), Map.of("leadId", mine.toString()))
                .expect(200).data();
        assertThat(names(byId)).containsExactly("leadId", "isAssignedToMe", "assignedTo");
        assertThat(byId.get("isAssignedToMe").asBoolean()).isTrue();
        assertThat(byId.get("assignedTo").get("id").asString()).isEqualTo(agent.id().toString());
        assertThat(api.post("/api/v1/lead/isAssignedToMe", agent.token(), Map.of("number", "+91 98765 00001"))
                .expect(200).data().get("leadId").asString()).isEqualTo(mine.toString());
        JsonNode admins = api.post("/api/v1/lead/isAssignedToMe", org.adminToken(), Map.of("leadId", mine.toString()))
                .expect(200).data();
        assertThat(admins.get("isAssignedToMe").asBoolean()).isFalse();
        JsonNode unassigned = api.post("/api/v1/lead/isAssignedToMe", org.adminToken(),
                Map.of("number", "9876500002")).expect(200).data();
        assertThat(unassigned.get("isAssignedToMe").asBoolean()).isFalse();
        assertThat(unassigned.get("assignedTo").isNull()).isTrue();

        Response hidden = api.post("/api/v1/lead/isAssignedToMe", agent.token(), Map.of("leadId", notMine.toString()))
                .expect(404);
        assertThat(hidden.body().get("status").asBoolean(true)).isFalse();
        api.post("/api/v1/lead/isAssignedToMe", agent.token(), Map.of("number", "9876500002")).expect(404);
        api.post("/api/v1/lead/isAssignedToMe", org.adminToken(), Map.of("leadId", elsewhere.toString())).expect(404);
        api.post("/api/v1/lead/isAssignedToMe", outsider(org).token(), Map.of("leadId", mine.toString())).expect(403);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
