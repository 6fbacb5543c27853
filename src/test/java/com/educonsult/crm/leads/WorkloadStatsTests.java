package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorkloadStatsTests extends AssignmentFixtures {

    @Test
    void statsCountUnassignedLeadsAndEachUsersAssignedActiveAndClosedLeads() {
        Org org = registerOrganization();
        TestUser busy = userWithRole(org, "counselor");
        TestUser idle = userWithRole(org, "agent");
        lead(org, "Open1", busy.id(), null);
        lead(org, "Open2", busy.id(), null);
        lead(org, "Won", busy.id(), null, wonStatus(org), null, "manual");
        lead(org, "Lost", busy.id(), null, lostStatus(org), null, "manual");
        lead(org, "Free1", null, null);
        lead(org, "Free2", null, null);

        JsonNode stats = api.get("/api/v1/assignments/workload-stats", org.adminToken()).expect(200).data();

        assertThat(stats.get("unassigned_leads").asLong()).isEqualTo(2);
        assertThat(stats.get("total_users").asInt()).isEqualTo(2);
        assertThat(stats.get("average_leads_per_user").decimalValue()).isEqualByComparingTo("2.00");
        Map<String, JsonNode> rows = byId(stats);
        assertThat(rows.get(busy.id().toString()).get("assigned_leads").asLong()).isEqualTo(4);
        assertThat(rows.get(busy.id().toString()).get("active_leads").asLong()).isEqualTo(2);
        assertThat(rows.get(busy.id().toString()).get("closed_leads").asLong()).isEqualTo(2);
        assertThat(rows.get(busy.id().toString()).get("full_name").asString()).isEqualTo("Test counselor");
        assertThat(rows.get(idle.id().toString()).get("assigned_leads").asLong()).isZero();
    }

    @Test
    void aManagerSeesTheWorkloadOfTheirBranchOnly() {
        Org org = registerOrganization();
        UUID north = branch(org, "North");
        UUID south = branch(org, "South");
        TestUser manager = userWithRole(org, "manager", north);
        TestUser northCounselor = userWithRole(org, "counselor", north);
        TestUser southCounselor = userWithRole(org, "counselor", south);
        lead(org, "North", northCounselor.id(), north);
        lead(org, "NorthFree", null, north);
        lead(org, "South", southCounselor.id(), south);
        lead(org, "SouthFree", null, south);

        JsonNode stats = api.get("/api/v1/assignments/workload-stats", manager.token()).expect(200).data();

        assertThat(stats.get("unassigned_leads").asLong()).isEqualTo(1);
        assertThat(byId(stats)).containsOnlyKeys(northCounselor.id().toString());
        assertThat(api.get("/api/v1/assignments/workload-stats", org.adminToken()).expect(200).data()
                .get("unassigned_leads").asLong()).isEqualTo(2);
    }

    @Test
    void anotherOrganizationsLeadsAndUsersAreNotCounted() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser foreigner = userWithRole(other, "counselor");
        lead(other, "Foreign", foreigner.id(), null);
        lead(other, "ForeignFree", null, null);

        JsonNode stats = api.get("/api/v1/assignments/workload-stats", org.adminToken()).expect(200).data();

        assertThat(stats.get("unassigned_leads").asLong()).isZero();
        assertThat(stats.get("workload_distribution").size()).isZero();
        assertThat(stats.get("average_leads_per_user").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void counselorsAndAgentsMayNotReadWorkloadStats() {
        Org org = registerOrganization();

        api.get("/api/v1/assignments/workload-stats", userWithRole(org, "counselor").token()).expect(403);
        api.get("/api/v1/assignments/workload-stats", userWithRole(org, "agent").token()).expect(403);
    }

    private static Map<String, JsonNode> byId(JsonNode stats) {
        Map<String, JsonNode> rows = new HashMap<>();
        stats.get("workload_distribution").forEach(row -> rows.put(row.get("id").asString(), row));
        return rows;
    }
}
