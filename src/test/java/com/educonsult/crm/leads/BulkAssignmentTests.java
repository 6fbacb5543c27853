package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BulkAssignmentTests extends AssignmentFixtures {

    @Test
    void roundRobinSharesTheUnassignedLeadsEvenlyAmongTheActiveCounselorsAndAgents() {
        Org org = registerOrganization();
        List<UUID> team = sorted(userWithRole(org, "counselor").id(), userWithRole(org, "agent").id());
        List<UUID> leads = leads(org, 4, null);
        UUID owned = lead(org, "Owned", org.adminId(), null);

        JsonNode result = api.post("/api/v1/assignments/bulk-assign", org.adminToken(), Map.of(
                "strategy", "round_robin", "reason", "Weekly share")).expect(200).data();

        assertThat(result.get("total_assigned").asInt()).isEqualTo(4);
        assertThat(result.get("per_user").get(team.get(0).toString()).asInt()).isEqualTo(2);
        assertThat(result.get("per_user").get(team.get(1).toString()).asInt()).isEqualTo(2);
        assertThat(leads.stream().map(l -> ownerOf(org, l)).toList())
                .containsExactly(team.get(0), team.get(1), team.get(0), team.get(1));
        assertThat(ownerOf(org, owned)).isEqualTo(org.adminId());
        JsonNode history = api.get("/api/v1/assignments/lead/" + leads.get(0) + "/history", org.adminToken())
                .expect(200).data();
        assertThat(history.get(0).get("action").asString()).isEqualTo("bulk");
        assertThat(history.get(0).get("strategy").asString()).isEqualTo("round_robin");
        assertThat(history.get(0).get("reason").asString()).isEqualTo("Weekly share");
        assertThat(auditActions(org, leads.get(0))).containsExactly("lead.assignment.bulk");
    }

    @Test
    void roundRobinContinuesFromTheLastTurnOfTheScope() {
        Org org = registerOrganization();
        List<UUID> team = sorted(userWithRole(org, "counselor").id(), userWithRole(org, "counselor").id(),
                userWithRole(org, "counselor").id());
        UUID first = lead(org, "First", null, null);
        api.post("/api/v1/assignments/bulk-assign", org.adminToken(), Map.of("strategy", "round_robin")).expect(200);
        UUID second = lead(org, "Second", null, null);
        api.post("/api/v1/assignments/bulk-assign", org.adminToken(), Map.of("strategy", "round_robin")).expect(200);

        assertThat(ownerOf(org, first)).isEqualTo(team.get(0));
        assertThat(ownerOf(org, second)).isEqualTo(team.get(1));
    }

    @Test
    void leastLoadedFillsTheLightestUsersFirstAndRespectsTheMaximumPerUser() {
        Org org = registerOrganization();
        List<UUID> team = sorted(userWithRole(org, "counselor").id(), userWithRole(org, "counselor").id());
        lead(org, "Heavy1", team.get(0), null);
        lead(org, "Heavy2", team.get(0), null);
        List<UUID> leads = leads(org, 5, null);

        JsonNode result = api.post("/api/v1/assignments/bulk-assign", org.adminToken(), Map.of(
                "strategy", "least_loaded", "user_ids", team.stream().map(UUID::toString).toList(),
                "max_per_user", 2)).expect(200).data();

        assertThat(result.get("total_assigned").asInt()).isEqualTo(4);
        assertThat(result.get("leads_matched").asInt()).isEqualTo(5);
        assertThat(leads.stream().map(l -> ownerOf(org, l)).toList())
                .containsExactly(team.get(1), team.get(1), team.get(0), team.get(0), null);
    }

    @Test
    void theFilterChoosesTheLeadsAndTheLimitCapsThem() {
        Org org = registerOrganization();
        UUID counselor = userWithRole(org, "counselor").id();
        UUID north = branch(org, "North");
        UUID lost = lostStatus(org);
        UUID fair = lead(org, "Fair", null, north, openStatus(org), "Fair", "walk_in");
        UUID fairLost = lead(org, "FairLost", null, north, lost, "fair", "walk_in");
        UUID web = lead(org, "Web", null, null, openStatus(org), "Site", "website");
        UUID owned = lead(org, "Owned", org.adminId(), north, openStatus(org), "fair", "walk_in");

        api.post("/api/v1/assignments/bulk-assign", org.adminToken(), Map.of("strategy", "round_robin",
                "user_ids", List.of(counselor.toString()), "filter", Map.of("sources", List.of("FAIR"), "status_ids", List.of(openStatus(org).toString()),
                        "branch_id", north.toString(), "only_unassigned", false))).expect(200);
        assertThat(ownerOf(org, fair)).isEqualTo(counselor);
        assertThat(ownerOf(org, owned)).isEqualTo(counselor);
        assertThat(ownerOf(org, fairLost)).isNull();
        assertThat(ownerOf(org, web)).isNull();

        JsonNode limited = api.post("/api/v1/assignments/bulk-assign", org.adminToken(), Map.of("strategy",
                "least_loaded", "limit", 1, "filter", Map.of("platforms", List.of("walk_in", "website"),
                        "created_from", "2000-01-01T00:00:00Z", "created_to", "2999-01-01T00:00:00Z")))
                .expect(200).data();
        assertThat(limited.get("total_assigned").asInt()).isEqualTo(1);
        assertThat(ownerOf(org, fairLost)).isEqualTo(counselor);
        assertThat(ownerOf(org, web)).isNull();
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        userWithRole(org, "counselor");

        assertThat(post(org, Map.of()).expect(422).errorField()).isEqualTo("strategy");
        assertThat(post(org, Map.of("strategy", "random")).expect(422).errorField()).isEqualTo("strategy");
        assertThat(post(org, Map.of("strategy", "round_robin", "limit", 1001)).expect(422).errorField())
                .isEqualTo("limit");
        assertThat(post(org, Map.of("strategy", "round_robin", "max_per_user", 0)).expect(422).errorField())
                .isEqualTo("max_per_user");
        assertThat(post(org, Map.of("strategy", "round_robin", "filter", Map.of("platforms", List.of("fax"))))
                .expect(422).errorField()).startsWith("filter.platforms");
        assertThat(post(org, Map.of("strategy", "round_robin", "filter", Map.of(
                "created_from", "2026-02-01T00:00:00Z", "created_to", "2026-01-01T00:00:00Z")))
                .expect(422).errorField()).isEqualTo("filter.created_to");
        assertThat(post(org, Map.of("strategy", "round_robin", "user_ids", List.of(other.adminId().toString())))
                .expect(422).errorField()).isEqualTo("user_ids");
        api.raw("POST", "/api/v1/assignments/bulk-assign", org.adminToken(), "application/json", "[").expect(400);
        assertThat(post(org, Map.of("strategy", "round_robin", "limit", "many")).expect(400).errorField())
                .isEqualTo("limit");
        assertThat(post(org, Map.of("strategy", "round_robin", "filter", Map.of("created_from", "soon")))
                .expect(400).errorField()).isEqualTo("filter.created_from");
    }

    @Test
    void anOrganizationWithoutCounselorsOrAgentsHasNobodyToAssignTo() {
        Org org = registerOrganization();
        lead(org, "Lonely", null, null);

        assertThat(post(org, Map.of("strategy", "round_robin")).expect(422).errorField()).isEqualTo("user_ids");
    }

    @Test
    void counselorsAndAgentsMayNotBulkAssign() {
        Org org = registerOrganization();

        api.post("/api/v1/assignments/bulk-assign", userWithRole(org, "agent").token(),
                Map.of("strategy", "round_robin")).expect(403);
        api.post("/api/v1/assignments/bulk-assign", userWithRole(org, "counselor").token(),
                Map.of("strategy", "round_robin")).expect(403);
    }

    @Test
    void aManagerSharesOnlyTheirBranchsLeadsAmongTheirBranchsUsers() {
        Org org = registerOrganization();
        UUID north = branch(org, "North");
        UUID south = branch(org, "South");
        TestUser manager = userWithRole(org, "manager", north);
        TestUser northCounselor = userWithRole(org, "counselor", north);
        TestUser southCounselor = userWithRole(org, "counselor", south);
        UUID northLead = lead(org, "North", null, north);
        UUID southLead = lead(org, "South", null, south);

        assertThat(api.post("/api/v1/assignments/bulk-assign", manager.token(), Map.of("strategy", "round_robin",
                "user_ids", List.of(southCounselor.id().toString()))).expect(422).errorField()).isEqualTo("user_ids");
        api.post("/api/v1/assignments/bulk-assign", manager.token(), Map.of("strategy", "round_robin",
                "filter", Map.of("branch_id", south.toString()))).expect(200);
        assertThat(ownerOf(org, southLead)).isNull();
        JsonNode result = api.post("/api/v1/assignments/bulk-assign", manager.token(), Map.of("strategy",
                "round_robin")).expect(200).data();

        assertThat(result.get("total_assigned").asInt()).isEqualTo(1);
        assertThat(ownerOf(org, northLead)).isEqualTo(northCounselor.id());
        assertThat(ownerOf(org, southLead)).isNull();
    }

    @Test
    void anotherOrganizationsLeadsAndUsersAreNeverTouched() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        userWithRole(org, "counselor");
        userWithRole(other, "counselor");
        UUID foreign = lead(other, "Foreign", null, null);

        JsonNode result = post(org, Map.of("strategy", "round_robin")).expect(200).data();

        assertThat(result.get("total_assigned").asInt()).isZero();
        assertThat(ownerOf(other, foreign)).isNull();
    }

    private Response post(Org org, Map<String, Object> body) {
        return api.post("/api/v1/assignments/bulk-assign", org.adminToken(), new HashMap<>(body));
    }

    private List<UUID> leads(Org org, int count, UUID branchId) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(lead(org, "Lead" + i, null, branchId));
        }
        return ids;
    }

    private static List<UUID> sorted(UUID... ids) {
        return java.util.Arrays.stream(ids).sorted(AssignmentStrategy.BY_ID).toList();
    }
}
