package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallQueryTests extends CallApiTest {

    private static final long T0 = 1_709_288_130_000L;

    @Test
    void callsAreListedNewestFirstAndFilteredByUserLeadTypeAndTime() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        sync(counselor.token(), List.of(call("q1", "9876543210", "incoming", 30, T0),
                call("q2", "9876543210", "missed", 0, T0 + 60_000),
                call("q3", "9811111111", "outgoing", 12, T0 + 120_000)));
        sync(org.adminToken(), List.of(call("q1", "9876543210", "outgoing", 5, T0 + 180_000)));

        JsonNode all = api.get("/api/v1/calls", org.adminToken()).expect(200).body();
        assertThat(all.get("meta").get("total").asLong()).isEqualTo(4);
        assertThat(ids(all.get("data"), "device_call_id")).containsExactly("q1", "q3", "q2", "q1");
        assertThat(ids(api.get("/api/v1/calls?user_id=" + counselor.id(), org.adminToken()).expect(200).data(),
                "device_call_id")).containsExactly("q3", "q2", "q1");
        assertThat(api.get("/api/v1/calls?lead_id=" + lead, org.adminToken()).expect(200).data()).hasSize(3);
        assertThat(ids(api.get("/api/v1/calls?call_type=missed", org.adminToken()).expect(200).data(),
                "device_call_id")).containsExactly("q2");
        assertThat(ids(api.get("/api/v1/calls?from=2024-03-01T10:16:00Z&to=2024-03-01T10:17:40Z", org.adminToken())
                .expect(200).data(), "device_call_id")).containsExactly("q3", "q2");
        assertThat(api.get("/api/v1/calls?limit=1&offset=1", org.adminToken()).expect(200).data()).hasSize(1);

        JsonNode forLead = api.get("/api/v1/leads/" + lead + "/calls", org.adminToken()).expect(200).data();
        assertThat(ids(forLead, "device_call_id")).containsExactly("q1", "q2", "q1");
    }

    @Test
    void badFiltersAreRefused() {
        Org org = registerOrganization();
        api.get("/api/v1/calls?call_type=voip", org.adminToken()).expect(422);
        api.get("/api/v1/calls?user_id=nope", org.adminToken()).expect(400);
        api.get("/api/v1/calls?from=yesterday", org.adminToken()).expect(400);
        api.get("/api/v1/calls?limit=1000", org.adminToken()).expect(400);
        api.get("/api/v1/calls/not-a-uuid", org.adminToken()).expect(400);
    }

    @Test
    void anAgentSeesOnlyTheirOwnCalls() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        TestUser other = userWithRole(org, "agent");
        JsonNode own = sync(agent.token(), List.of(call("a1", "9811111111", "incoming", 30, T0)));
        JsonNode others = sync(other.token(), List.of(call("o1", "9822222222", "incoming", 30, T0)));

        assertThat(ids(api.get("/api/v1/calls", agent.token()).expect(200).data(), "device_call_id"))
                .containsExactly("a1");
        api.get("/api/v1/calls/" + callId(own), agent.token()).expect(200);
        api.get("/api/v1/calls/" + callId(others), agent.token()).expect(404);
        assertThat(api.get("/api/v1/calls?user_id=" + other.id(), agent.token()).expect(200).data()).isEmpty();
    }

    @Test
    void aManagerSeesTheCallsOfTheirBranch() {
        Org org = registerOrganization();
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(),
                Map.of("name", "Pune", "code", "PUN")).expect(201).data().get("id").asString());
        TestUser manager = userWithRole(org, "manager", branch);
        TestUser inBranch = userWithRole(org, "counselor", branch);
        TestUser elsewhere = userWithRole(org, "counselor");
        sync(inBranch.token(), List.of(call("b1", "9811111111", "incoming", 30, T0)));
        sync(elsewhere.token(), List.of(call("e1", "9822222222", "incoming", 30, T0)));

        assertThat(ids(api.get("/api/v1/calls", manager.token()).expect(200).data(), "device_call_id"))
                .containsExactly("b1");
    }

    @Test
    void theCallsOfALeadNeedTheLeadToBeVisible() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        sync(org.adminToken(), List.of(call("v1", "9876543210", "incoming", 30, T0)));

        api.get("/api/v1/leads/" + lead + "/calls", agent.token()).expect(404);
        tenancy.runAs(org.id(), () -> db.execute("update leads set assigned_to = ? where organization_id = ? and id = ?",
                agent.id(), org.id(), lead));
        assertThat(api.get("/api/v1/leads/" + lead + "/calls", agent.token()).expect(200).data()).hasSize(1);
    }

    @Test
    void anotherOrganizationsCallsAndLeadsAreNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        JsonNode synced = sync(org.adminToken(), List.of(call("n1", "9876543210", "incoming", 30, T0)));

        api.get("/api/v1/calls/" + callId(synced), other.adminToken()).expect(404);
        api.get("/api/v1/leads/" + lead + "/calls", other.adminToken()).expect(404);
        assertThat(api.get("/api/v1/calls", other.adminToken()).expect(200).data()).isEmpty();
        assertThat(api.get("/api/v1/calls?lead_id=" + lead, other.adminToken()).expect(200).data()).isEmpty();
        api.delete("/api/v1/calls/exclusions/9876543210", other.adminToken()).expect(404);
    }

    @Test
    void readingCallsNeedsThePermission() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "reader", "name", "Reader",
                "data_scope", "all", "permissions", List.of("leads:read"))).expect(201);
        TestUser reader = userWithRole(org, "reader");
        api.get("/api/v1/calls", reader.token()).expect(403);
        api.get("/api/v1/calls/" + UUID.randomUUID(), reader.token()).expect(403);
        api.get("/api/v1/leads/" + lead + "/calls", reader.token()).expect(403);
        api.get("/api/v1/calls/stats", reader.token()).expect(403);
        api.get("/api/v1/calls/exclusions", reader.token()).expect(403);
    }

    private static String callId(JsonNode synced) {
        return synced.get("results").get(0).get("call_id").asString();
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asString()));
        return values;
    }
}
