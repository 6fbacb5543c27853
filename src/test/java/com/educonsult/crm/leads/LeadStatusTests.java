package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeadStatusTests extends LeadApiTest {

    @Test
    void aNewOrganizationHasTheEducationPipeline() {
        Org org = registerOrganization();

        JsonNode statuses = api.get("/api/v1/lead-statuses", org.adminToken()).expect(200).data();

        assertThat(codes(statuses)).containsExactly("new", "contacted", "counselling_scheduled", "counselled",
                "application_submitted", "offer_received", "visa_applied", "enrolled", "lost");
        Map<String, JsonNode> byCode = byCode(statuses);
        assertThat(byCode.get("new").get("is_default").asBoolean()).isTrue();
        assertThat(byCode.get("new").get("sla_hours").asInt()).isEqualTo(24);
        assertThat(byCode.get("new").get("color").asString()).startsWith("#");
        assertThat(byCode.get("enrolled").get("is_won").asBoolean()).isTrue();
        assertThat(byCode.get("lost").get("is_lost").asBoolean()).isTrue();
        String lostId = byCode.get("lost").get("id").asString();
        for (JsonNode status : statuses) {
            List<String> next = new ArrayList<>();
            status.get("allowed_next_status_ids").forEach(n -> next.add(n.asString()));
            if (!status.get("code").asString().equals("lost")) {
                assertThat(next).as(status.get("code").asString()).contains(lostId);
            }
        }
        assertThat(byCode.get("lost").get("allowed_next_status_ids").get(0).asString())
                .isEqualTo(byCode.get("contacted").get("id").asString());
    }

    @Test
    void anAdminCreatesChangesAndDeletesAStatus() {
        Org org = registerOrganization();
        UUID contacted = statusId(org, "contacted");

        JsonNode created = api.post("/api/v1/lead-statuses", org.adminToken(), Map.of("name", "On hold",
                "code", "on_hold", "color", "#999999", "sla_hours", 12,
                "allowed_next_status_ids", List.of(contacted))).expect(201).data();
        String id = created.get("id").asString();
        assertThat(created.get("allowed_next_status_ids").get(0).asString()).isEqualTo(contacted.toString());
        assertThat(created.get("active").asBoolean()).isTrue();

        JsonNode changed = api.patch("/api/v1/lead-statuses/" + id, org.adminToken(),
                Map.of("name", "Paused", "is_default", true, "sla_hours", 0)).expect(200).data();
        assertThat(changed.get("name").asString()).isEqualTo("Paused");
        assertThat(changed.get("is_default").asBoolean()).isTrue();
        assertThat(changed.get("sla_hours").isNull()).isTrue();
        assertThat(byCode(api.get("/api/v1/lead-statuses", org.adminToken()).data()).get("new")
                .get("is_default").asBoolean()).isFalse();
        assertThat(createLeadStatus(org)).isEqualTo("on_hold");

        api.patch("/api/v1/lead-statuses/" + statusId(org, "new"), org.adminToken(), Map.of("is_default", true))
                .expect(200);
        UUID unused = UUID.fromString(api.post("/api/v1/lead-statuses", org.adminToken(),
                Map.of("name", "Spare", "code", "spare")).expect(201).data().get("id").asString());
        api.delete("/api/v1/lead-statuses/" + unused, org.adminToken()).expect(200);
        api.delete("/api/v1/lead-statuses/" + id, org.adminToken()).expect(409);
    }

    @Test
    void exactlyOneStatusIsTheDefault() {
        Org org = registerOrganization();
        UUID defaultId = statusId(org, "new");

        assertThat(api.patch("/api/v1/lead-statuses/" + defaultId, org.adminToken(), Map.of("is_default", false))
                .expect(422).errorField()).isEqualTo("is_default");
        assertThat(api.patch("/api/v1/lead-statuses/" + defaultId, org.adminToken(), Map.of("active", false))
                .expect(422).errorField()).isEqualTo("active");
        api.delete("/api/v1/lead-statuses/" + defaultId, org.adminToken()).expect(409);
    }

    @Test
    void aStatusInUseByLeadsCannotBeDeleted() {
        Org org = registerOrganization();
        UUID status = UUID.fromString(api.post("/api/v1/lead-statuses", org.adminToken(),
                Map.of("name", "Busy", "code", "busy")).expect(201).data().get("id").asString());
        createLead(org.adminToken(), Map.of("status_id", status));

        var response = api.delete("/api/v1/lead-statuses/" + status, org.adminToken()).expect(409);
        assertThat(response.body().get("message").asString()).contains("1 lead");
    }

    @Test
    void invalidStatusesAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID foreign = statusId(registerOrganization(), "new");

        assertThat(post(org, Map.of("name", "X", "code", "Bad Code")).expect(422).errorField()).isEqualTo("code");
        assertThat(post(org, Map.of("code", "x1")).expect(422).errorField()).isEqualTo("name");
        assertThat(post(org, Map.of("name", "X", "code", "x2", "color", "red")).expect(422).errorField())
                .isEqualTo("color");
        assertThat(post(org, Map.of("name", "X", "code", "x3", "is_won", true, "is_lost", true)).expect(422)
                .errorField()).isEqualTo("is_lost");
        assertThat(post(org, Map.of("name", "X", "code", "x4", "sla_hours", 0)).expect(422).errorField())
                .isEqualTo("sla_hours");
        assertThat(post(org, Map.of("name", "X", "code", "x5", "allowed_next_status_ids", List.of(foreign)))
                .expect(422).errorField()).isEqualTo("allowed_next_status_ids");
        assertThat(post(org, Map.of("name", "Again", "code", "contacted")).expect(409).errorField()).isEqualTo("code");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID id = statusId(org, "contacted");

        api.raw("POST", "/api/v1/lead-statuses", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PATCH", "/api/v1/lead-statuses/" + id, org.adminToken(), "application/json", "[").expect(400);
        api.raw("POST", "/api/v1/lead-statuses/pipeline", org.adminToken(), "application/json", "{").expect(400);
        assertThat(api.patch("/api/v1/lead-statuses/" + id, org.adminToken(), Map.of("position", "first"))
                .expect(400).errorField()).isEqualTo("position");
        assertThat(post(org, Map.of("name", "X", "code", "x", "allowed_next_status_ids", List.of("nope")))
                .expect(400).errorField()).isEqualTo("allowed_next_status_ids[0]");
    }

    @Test
    void anAgentReadsThePipelineButCannotChangeIt() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID id = statusId(org, "contacted");

        api.get("/api/v1/lead-statuses", agent.token()).expect(200);
        api.post("/api/v1/lead-statuses", agent.token(), Map.of("name", "X", "code", "x")).expect(403);
        api.patch("/api/v1/lead-statuses/" + id, agent.token(), Map.of("name", "X")).expect(403);
        api.delete("/api/v1/lead-statuses/" + id, agent.token()).expect(403);
        api.post("/api/v1/lead-statuses/pipeline", agent.token(), Map.of("pipeline", "sales")).expect(403);
    }

    @Test
    void anotherOrganizationsStatusIsNotFound() {
        Org org = registerOrganization();
        UUID foreign = statusId(registerOrganization(), "contacted");

        api.patch("/api/v1/lead-statuses/" + foreign, org.adminToken(), Map.of("name", "Mine")).expect(404);
        api.delete("/api/v1/lead-statuses/" + foreign, org.adminToken()).expect(404);
        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "A", "status_id", foreign))
                .expect(422).errorField()).isEqualTo("status_id");
    }

    @Test
    void switchingToTheSalesPipelineMovesLeadsThroughNewStagesAndBack() {
        Org org = registerOrganization();
        UUID inContacted = createLead(org.adminToken(), Map.of("first_name", "Contacted", "status", "contacted"));
        UUID inCounselled = createLead(org.adminToken(), Map.of("first_name", "Counselled", "status", "counselled"));

        JsonNode sales = api.post("/api/v1/lead-statuses/pipeline", org.adminToken(), Map.of("pipeline", "sales"))
                .expect(200).data();

        List<String> active = new ArrayList<>();
        sales.forEach(s -> {
            if (s.get("active").asBoolean()) {
                active.add(s.get("code").asString());
            }
        });
        assertThat(active).containsExactly("new", "qualified", "contacted", "meeting_scheduled", "proposal_sent",
                "negotiation", "won", "lost");
        assertThat(byCode(sales).get("counselled").get("active").asBoolean()).isFalse();
        assertThat(lead(org.adminToken(), inContacted).get("status").get("code").asString()).isEqualTo("contacted");
        assertThat(lead(org.adminToken(), inCounselled).get("status").get("code").asString()).isEqualTo("new");
        JsonNode history = api.get("/api/v1/stages/lead/" + inCounselled + "/history", org.adminToken()).data();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("exited_at").isNull()).isFalse();
        assertThat(history.get(1).get("status").get("code").asString()).isEqualTo("new");
        api.post("/api/v1/stages/change-status", org.adminToken(),
                Map.of("lead_id", inCounselled, "status", "qualified")).expect(200);

        api.post("/api/v1/lead-statuses/pipeline", org.adminToken(), Map.of("pipeline", "education")).expect(200);

        assertThat(lead(org.adminToken(), inCounselled).get("status").get("code").asString()).isEqualTo("new");
        assertThat(byCode(api.get("/api/v1/lead-statuses", org.adminToken()).data()).get("qualified")
                .get("active").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/lead-statuses/pipeline", org.adminToken(), Map.of("pipeline", "crm"))
                .expect(422).errorField()).isEqualTo("pipeline");
    }

    private String createLeadStatus(Org org) {
        return api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Default")).expect(201).data()
                .get("status").get("code").asString();
    }

    private Response post(Org org, Map<String, ?> body) {
        return api.post("/api/v1/lead-statuses", org.adminToken(), new HashMap<>(body));
    }

    private static List<String> codes(JsonNode statuses) {
        List<String> codes = new ArrayList<>();
        statuses.forEach(s -> codes.add(s.get("code").asString()));
        return codes;
    }

    private static Map<String, JsonNode> byCode(JsonNode statuses) {
        Map<String, JsonNode> byCode = new HashMap<>();
        statuses.forEach(s -> byCode.put(s.get("code").asString(), s));
        return byCode;
    }
}
