package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Android app's lead list, save and status routes. */
class MobileLeadTests extends LeadApiTest {

    static final List<String> LEAD_FIELDS = List.of("id", "firstName", "lastName", "number", "secondaryNumber",
            "countryCode", "email", "studentName", "parentName", "relationship", "dateOfBirth", "currentEducation",
            "currentInstitution", "percentage", "stream", "graduationYear", "interestedCourses", "preferredCountries",
            "preferredInstitutions", "budgetMin", "budgetMax", "budgetCurrency", "intakePreference", "status",
            "priority", "source", "tags", "assignedTo", "lastContactDate", "nextFollowUpDate", "reminderNote",
            "totalCalls", "totalAttempts", "customFields", "createdDate", "modifiedDate");

    static List<String> names(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    static Map<String, Object> details(Map<String, ?> fields) {
        return Map.of("leadDetails", fields);
    }

    /** A user of a custom role without any lead permission. */
    TestUser outsider(Org org) {
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "outsider", "name", "Outsider",
                "data_scope", "all", "permissions", List.of("catalog:read"))).expect(201);
        return userWithRole(org, "outsider");
    }

    @Test
    void getDataAnswersLeadJsonItemsWithThePageOfTheSeed() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        Map<String, Object> fields = new HashMap<>(Map.of("first_name", "Riya", "last_name", "Sharma",
                "phone", "098765 43210", "secondary_phone", "+44 20 7946 0958", "email", "riya@example.com",
                "student_name", "Riya S", "parent_name", "Mohan", "relationship", "self",
                "date_of_birth", "2004-05-06", "interested_courses", List.of("MBA")));
        fields.putAll(Map.of("preferred_countries", List.of("UK"), "budget_min", 100000, "budget_max", 250000,
                "priority", "hot", "source", "Fair", "tags", List.of("fair-2025"), "percentage", 82.5,
                "graduation_year", 2024, "next_follow_up_date", "2030-01-02T10:00:00Z", "reminder_note", "Call back"));
        UUID riya = createLead(org.adminToken(), fields);
        assign(org, riya, agent.id());
        UUID older = createLead(org.adminToken(), "Older", "9876500001");

        Response response = api.post("/api/v1/lead/getData", org.adminToken(),
                Map.of("page", 1, "page_size", 1)).expect(200);

        assertThat(response.body().get("status").asBoolean()).isTrue();
        JsonNode data = response.data();
        assertThat(names(data)).containsExactly("leads", "totalCount", "pageNo", "pageSize", "hasMore");
        assertThat(data.get("totalCount").asLong()).isEqualTo(2);
        assertThat(data.get("pageNo").asInt()).isEqualTo(1);
        assertThat(data.get("pageSize").asInt()).isEqualTo(1);
        assertThat(data.get("hasMore").asBoolean()).isTrue();
        JsonNode lead = data.get("leads").get(0);
        assertThat(names(lead)).containsExactlyElementsOf(LEAD_FIELDS);
        assertThat(lead.get("id").asString()).isEqualTo(older.toString());

        JsonNode second = api.post("/api/v1/lead/getData", org.adminToken(), Map.of("page", 2, "page_size", 1))
                .expect(200).data();
        assertThat(second.get("hasMore").asBoolean()).isFalse();
        JsonNode item = second.get("leads").get(0);
        assertThat(item.get("id").asString()).isEqualTo(riya.toString());
        assertThat(item.get("firstName").asString()).isEqualTo("Riya");
        assertThat(item.get("number").asString()).isEqualTo("+919876543210");
        assertThat(item.get("secondaryNumber").asString()).isEqualTo("+442079460958");
        assertThat(item.get("countryCode").asInt()).isEqualTo(91);
        assertThat(item.get("dateOfBirth").asString()).isEqualTo("2004-05-06");
        assertThat(item.get("interestedCourses").get(0).asString()).isEqualTo("MBA");
        assertThat(item.get("budgetMax").asInt()).isEqualTo(250000);
        assertThat(item.get("budgetCurrency").asString()).isEqualTo("INR");
        assertThat(names(item.get("status"))).containsExactly("id", "name", "color");
        assertThat(item.get("status").get("id").asString()).isEqualTo(statusId(org, "new").toString());
        assertThat(names(item.get("assignedTo"))).containsExactly("id", "name");
        assertThat(item.get("assignedTo").get("id").asString()).isEqualTo(agent.id().toString());
        assertThat(item.get("assignedTo").get("name").asString()).isEqualTo("Test agent");
        assertThat(item.get("tags").get(0).asString()).isEqualTo("fair-2025");
        assertThat(item.get("nextFollowUpDate").asString()).isEqualTo("2030-01-02T10:00:00Z");
        assertThat(item.get("reminderNote").asString()).isEqualTo("Call back");
        assertThat(item.get("totalCalls").asInt()).isZero();
        assertThat(item.get("customFields").isObject()).isTrue();
        assertThat(item.get("createdDate").asString()).isNotBlank();
        assertThat(item.get("modifiedDate").asString()).isNotBlank();
        assertThat(second.get("leads").get(0).has("first_name")).isFalse();
    }

    @Test
    void getDataFiltersAsTheSeedsListLeads() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID hot = createLead(org.adminToken(), Map.of("first_name", "Hot", "priority", "hot", "source", "Fair",
                "tags", List.of("vip"), "next_follow_up_date", "2030-03-04T08:00:00Z"));
        UUID contacted = createLead(org.adminToken(), Map.of("first_name", "Kiran", "status", "contacted"));
        assign(org, contacted, agent.id());

        assertThat(ids(org.adminToken(), Map.of())).containsExactlyInAnyOrder(hot.toString(), contacted.toString());
        assertThat(api.post("/api/v1/lead/getData", org.adminToken(), null).expect(200).data().get("totalCount")
                .asLong()).isEqualTo(2);
        assertThat(ids(org.adminToken(), Map.of("status_id", statusId(org, "contacted").toString())))
                .containsExactly(contacted.toString());
        assertThat(ids(org.adminToken(), Map.of("status_id", "new"))).containsExactly(hot.toString());
        assertThat(ids(org.adminToken(), Map.of("assigned_to", agent.id().toString())))
                .containsExactly(contacted.toString());
        assertThat(ids(org.adminToken(), Map.of("assigned_to", "unassigned"))).containsExactly(hot.toString());
        assertThat(ids(org.adminToken(), Map.of("priority", "hot", "source", "Fair"))).containsExactly(hot.toString());
        assertThat(ids(org.adminToken(), Map.of("tags", "vip"))).containsExactly(hot.toString());
        assertThat(ids(org.adminToken(), Map.of("follow_up_date", "2030-03-04"))).containsExactly(hot.toString());
        assertThat(ids(org.adminToken(), Map.of("follow_up_date", "2030-03-05"))).isEmpty();
        assertThat(ids(org.adminToken(), Map.of("search", "kir"))).containsExactly(contacted.toString());
        assertThat(ids(org.adminToken(), Map.of("created_from", "2000-01-01", "created_to", "2001-01-01"))).isEmpty();
        assertThat(ids(org.adminToken(), Map.of("sort", "name", "order", "asc")))
                .containsExactly(hot.toString(), contacted.toString());
    }

    @Test
    void anAgentListsOnlyTheirLeadsAndNotContactedLeavesOutContactedOnes() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID fresh = createLead(org.adminToken(), "Fresh", "9876500011");
        UUID called = createLead(org.adminToken(), Map.of("first_name", "Called",
                "last_contact_date", "2025-01-01T10:00:00Z"));
        UUID notMine = createLead(org.adminToken(), "Not mine", null);
        createLead(other.adminToken(), "Elsewhere", null);
        assign(org, fresh, agent.id());
        assign(org, called, agent.id());

        assertThat(ids(agent.token(), Map.of())).containsExactlyInAnyOrder(fresh.toString(), called.toString());
        JsonNode notContacted = api.post("/api/v1/lead/notContacted", agent.token(), Map.of()).expect(200).data();
        assertThat(names(notContacted)).containsExactly("leads", "totalCount", "pageNo", "pageSize", "hasMore");
        assertThat(notContacted.get("leads").size()).isEqualTo(1);
        assertThat(notContacted.get("leads").get(0).get("id").asString()).isEqualTo(fresh.toString());
        assertThat(ids(org.adminToken(), "/api/v1/lead/notContacted", Map.of()))
                .containsExactlyInAnyOrder(fresh.toString(), notMine.toString());
        assertThat(ids(other.adminToken(), Map.of())).hasSize(1).doesNotContain(fresh.toString());
    }

    @Test
    void badListInputIsRefusedNamingTheField() {
        Org org = registerOrganization();
        for (String path : List.of("/api/v1/lead/getData", "/api/v1/lead/notContacted")) {
            Response zero = api.post(path, org.adminToken(), Map.of("page", 0)).expect(422);
            assertThat(zero.body().get("status").asBoolean(true)).isFalse();
            assertThat(zero.errorField()).isEqualTo("page");
            assertThat(api.post(path, org.adminToken(), Map.of("page_size", 500)).expect(422).errorField())
                    .isEqualTo("page_size");
            assertThat(api.post(path, org.adminToken(), Map.of("page", "first")).expect(400).errorField())
                    .isEqualTo("page");
            assertThat(api.post(path, org.adminToken(), Map.of("follow_up_date", "tomorrow")).expect(400)
                    .errorField()).isEqualTo("follow_up_date");
            assertThat(api.post(path, org.adminToken(), Map.of("status_id", "nope")).expect(422).errorField())
                    .isEqualTo("status_id");
            assertThat(api.post(path, org.adminToken(), Map.of("assigned_to", "someone")).expect(422).errorField())
                    .isEqualTo("assigned_to");
            assertThat(api.post(path, org.adminToken(), Map.of("created_from", "soon")).expect(422).errorField())
                    .isEqualTo("created_from");
            Response malformed = api.raw("POST", path, org.adminToken(), "application/json", "{").expect(400);
            assertThat(malformed.body().get("status").asBoolean(true)).isFalse();
        }
    }

    @Test
    void aRoleWithoutLeadPermissionsIsRefused() {
        Org org = registerOrganization();
        TestUser outsider = outsider(org);
        for (String path : List.of("/api/v1/lead/getData", "/api/v1/lead/notContacted", "/api/v1/lead/status")) {
            Response refused = api.post(path, outsider.token(), Map.of()).expect(403);
            assertThat(refused.body().get("status").asBoolean(true)).isFalse();
        }
        api.post("/api/v1/lead/save", outsider.token(), details(Map.of("firstName", "A", "number", "9876500001")))
                .expect(403);
        api.post("/api/v1/lead/save", reader(org).token(), details(Map.of("firstName", "A", "number", "9876500001")))
                .expect(403);
    }

    @Test
    void saveCreatesALeadThroughTheCanonicalCreate() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        Response response = api.post("/api/v1/lead/save", counselor.token(), details(Map.of("firstName", "Kiran",
                "lastName", "Rao", "number", "098765 43210", "email", "Kiran@Example.com", "tags", List.of("Fair"),
                "interestedCourses", List.of("MBA"), "status", "contacted", "nextFollowUpDate", "2030-01-02T10:00:00Z",
                "priority", "hot"))).expect(200);

        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(response.body().get("message").asString()).isEqualTo("Lead created");
        JsonNode lead = response.data();
        assertThat(names(lead)).containsExactlyElementsOf(LEAD_FIELDS);
        assertThat(lead.get("number").asString()).isEqualTo("+919876543210");
        assertThat(lead.get("email").asString()).isEqualTo("kiran@example.com");
        assertThat(lead.get("tags").get(0).asString()).isEqualTo("fair");
        assertThat(lead.get("status").get("name").asString()).isEqualTo("Contacted");
        assertThat(lead.get("assignedTo").get("id").asString()).isEqualTo(counselor.id().toString());
        UUID id = UUID.fromString(lead.get("id").asString());
        assertThat(lead(org.adminToken(), id).get("created_by").asString()).isEqualTo(counselor.id().toString());
        assertThat(auditActions(org, id)).containsExactly("lead.created");
        assertThat(api.get("/api/v1/stages/lead/" + id + "/current", org.adminToken()).expect(200).data()
                .get("status").get("code").asString()).isEqualTo("contacted");
    }

    @Test
    void saveReadsANumberInTheCountryOfItsCountryCode() {
        Org org = registerOrganization();

        JsonNode lead = api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "Olivia",
                "number", "020 7946 0958", "countryCode", 44))).expect(200).data();

        assertThat(lead.get("number").asString()).isEqualTo("+442079460958");
        assertThat(lead.get("countryCode").asInt()).isEqualTo(44);
        assertThat(api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "X",
                "number", "020 7946 0958", "countryCode", 999))).expect(422).errorField())
                .isEqualTo("leadDetails.countryCode");
    }

    @Test
    void saveAssignsANewLeadAutomaticallyWhenTheOrganizationDoes() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin")).expect(200);

        JsonNode lead = api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "Auto",
                "number", "9876500077"))).expect(200).data();

        assertThat(lead.get("assignedTo").get("id").asString()).isEqualTo(counselor.id().toString());
    }

    @Test
    void saveWithAnIdChangesTheLeadAndTheAppMaySendBackTheLeadJsonItRead() {
        Org org = registerOrganization();
        JsonNode created = api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "Asha",
                "number", "9876500001", "stream", "Science"))).expect(200).data();
        UUID id = UUID.fromString(created.get("id").asString());

        ObjectNode edited = (ObjectNode) created.deepCopy();
        edited.put("lastName", "Rao");
        edited.put("stream", "");
        ((ObjectNode) edited.get("status")).put("id", statusId(org, "contacted").toString());
        Response response = api.post("/api/v1/lead/save", org.adminToken(), Map.of("leadDetails", edited))
                .expect(200);

        assertThat(response.body().get("message").asString()).isEqualTo("Lead updated");
        JsonNode lead = response.data();
        assertThat(lead.get("id").asString()).isEqualTo(id.toString());
        assertThat(lead.get("lastName").asString()).isEqualTo("Rao");
        assertThat(lead.get("stream").isNull()).isTrue();
        assertThat(lead.get("number").asString()).isEqualTo("+919876500001");
        assertThat(lead.get("status").get("name").asString()).isEqualTo("Contacted");
        // the save's two entries are written in one statement as it commits: their order between them is not kept
        assertThat(auditActions(org, id)).first().isEqualTo("lead.created");
        assertThat(auditActions(org, id)).containsExactlyInAnyOrder("lead.created", "lead.status_changed",
                "lead.updated");
        Response refused = api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("id", id.toString(),
                "status", "enrolled"))).expect(422);
        assertThat(refused.errorField()).isEqualTo("leadDetails.status");
        assertThat(refused.body().get("status").asBoolean(true)).isFalse();
    }

    @Test
    void aDuplicateNumberIsAConflictCarryingTheExistingLead() {
        Org org = registerOrganization();
        UUID existing = createLead(org.adminToken(), "First", "9876500001");

        Response conflict = api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "Again",
                "number", "+91 98765 00001"))).expect(409);

        assertThat(conflict.body().get("status").asBoolean(true)).isFalse();
        assertThat(conflict.errorField()).isEqualTo("leadDetails.number");
        assertThat(conflict.body().get("message").asString()).contains("leadDetails.allowDuplicate");
        assertThat(conflict.data().get("existingLeadId").asString()).isEqualTo(existing.toString());
        api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "Again",
                "number", "+91 98765 00001", "allowDuplicate", true))).expect(200);
    }

    @Test
    void invalidLeadDetailsAreRefusedNamingTheAppsField() {
        Org org = registerOrganization();
        assertThat(saveError(org, null)).isEqualTo("leadDetails");
        assertThat(saveError(org, Map.of("number", "9876500001"))).isEqualTo("leadDetails.firstName");
        assertThat(saveError(org, Map.of("firstName", "A"))).isEqualTo("leadDetails.number");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "12"))).isEqualTo("leadDetails.number");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "secondaryNumber", "x")))
                .isEqualTo("leadDetails.secondaryNumber");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "email", "not-an-email")))
                .isEqualTo("leadDetails.email");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "priority", "urgent")))
                .isEqualTo("leadDetails.priority");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "interestedCourses",
                List.of("")))).isEqualTo("leadDetails.interestedCourses[0]");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "budgetMin", 10,
                "budgetMax", 5))).isEqualTo("leadDetails.budgetMax");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "status", "nope")))
                .isEqualTo("leadDetails.status");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "customFields",
                Map.of("colour", "red")))).isEqualTo("leadDetails.customFields.colour");
        assertThat(saveError(org, Map.of("firstName", "A", "number", "9876500001", "countryCode", 0)))
                .isEqualTo("leadDetails.countryCode");
    }

    @Test
    void wrongTypesInASaveAreABadRequest() {
        Org org = registerOrganization();
        assertThat(api.post("/api/v1/lead/save", org.adminToken(), Map.of("leadDetails", "Riya")).expect(400)
                .errorField()).isEqualTo("leadDetails");
        assertThat(api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("id", "abc"))).expect(400)
                .errorField()).isEqualTo("leadDetails.id");
        assertThat(api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "A",
                "dateOfBirth", "yesterday"))).expect(400).errorField()).isEqualTo("leadDetails.dateOfBirth");
        assertThat(api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("firstName", "A",
                "status", List.of("new")))).expect(400).errorField()).isEqualTo("leadDetails.status");
        Response malformed = api.raw("POST", "/api/v1/lead/save", org.adminToken(), "application/json", "{\"lead")
                .expect(400);
        assertThat(malformed.body().get("status").asBoolean(true)).isFalse();
    }

    @Test
    void anAgentCannotChangeALeadNotAssignedToThemNorAnyoneAnotherOrganizationsLead() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID notMine = createLead(org.adminToken(), "Not mine", "9876500001");
        UUID elsewhere = createLead(other.adminToken(), "Elsewhere", "9876500002");

        Response hidden = api.post("/api/v1/lead/save", agent.token(), details(Map.of("id", notMine.toString(),
                "lastName", "X"))).expect(404);
        assertThat(hidden.body().get("status").asBoolean(true)).isFalse();
        api.post("/api/v1/lead/save", org.adminToken(), details(Map.of("id", elsewhere.toString(), "lastName", "X")))
                .expect(404);
        assertThat(lead(other.adminToken(), elsewhere).get("last_name").isNull()).isTrue();
        assign(org, notMine, agent.id());
        api.post("/api/v1/lead/save", agent.token(), details(Map.of("id", notMine.toString(), "lastName", "X")))
                .expect(200);
    }

    @Test
    void statusListsTheActivePipelineInOrder() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID dormant = statusId(org, "contacted");
        api.patch("/api/v1/lead-statuses/" + dormant, org.adminToken(), Map.of("active", false)).expect(200);

        Response response = api.post("/api/v1/lead/status", agent.token(), Map.of()).expect(200);

        assertThat(response.body().get("status").asBoolean()).isTrue();
        JsonNode statuses = response.data();
        assertThat(names(statuses.get(0))).containsExactly("id", "name", "code", "color", "order", "isClosed");
        assertThat(statuses.get(0).get("code").asString()).isEqualTo("new");
        assertThat(statuses.get(0).get("isClosed").asBoolean()).isFalse();
        List<String> codes = new ArrayList<>();
        int previous = Integer.MIN_VALUE;
        for (JsonNode status : statuses) {
            codes.add(status.get("code").asString());
            assertThat(status.get("order").asInt()).isGreaterThanOrEqualTo(previous);
            previous = status.get("order").asInt();
            if (status.get("code").asString().equals("enrolled") || status.get("code").asString().equals("lost")) {
                assertThat(status.get("isClosed").asBoolean()).isTrue();
            }
        }
        assertThat(codes).contains("enrolled", "lost").doesNotContain("contacted");
    }

    private String saveError(Org org, Map<String, ?> leadDetails) {
        Map<String, Object> body = new HashMap<>();
        body.put("leadDetails", leadDetails);
        Response response = api.post("/api/v1/lead/save", org.adminToken(), body).expect(422);
        assertThat(response.body().get("status").asBoolean(true)).isFalse();
        return response.errorField();
    }

    private List<String> ids(String token, Map<String, ?> body) {
        return ids(token, "/api/v1/lead/getData", body);
    }

    private List<String> ids(String token, String path, Map<String, ?> body) {
        List<String> ids = new ArrayList<>();
        api.post(path, token, body).expect(200).data().get("leads").forEach(l -> ids.add(l.get("id").asString()));
        return ids;
    }

    private List<String> auditActions(Org org, UUID id) {
        return tenancy.callAs(org.id(), () -> db.fetch(
                "select action from audit_logs where organization_id = ? and resource_id = ? order by created_at, id",
                org.id(), id.toString()).getValues(0, String.class));
    }
}
