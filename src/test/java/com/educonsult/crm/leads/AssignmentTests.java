package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AssignmentTests extends AssignmentFixtures {

    @Test
    void anAdminAssignsAnUnassignedLeadWithReasonAndNotesAndItIsAudited() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, "Asha", null, null);

        JsonNode data = api.post("/api/v1/assignments/assign", org.adminToken(), assign(lead, counselor.id()))
                .expect(200).data();

        assertThat(data.get("action").asString()).isEqualTo("assign");
        assertThat(data.get("assigned_to").get("id").asString()).isEqualTo(counselor.id().toString());
        assertThat(data.get("assigned_to").get("full_name").asString()).isEqualTo("Test counselor");
        assertThat(data.get("assigned_by").get("id").asString()).isEqualTo(org.adminId().toString());
        assertThat(data.get("previous_assignee").isNull()).isTrue();
        assertThat(data.get("reason").asString()).isEqualTo("Fits their region");
        assertThat(data.get("notes").asString()).isEqualTo("Call today");
        assertThat(ownerOf(org, lead)).isEqualTo(counselor.id());
        assertThat(auditActions(org, lead)).containsExactly("lead.assignment.assign");

        JsonNode current = api.get("/api/v1/assignments/lead/" + lead, org.adminToken()).expect(200).data();
        assertThat(current.get("assigned_to").get("full_name").asString()).isEqualTo("Test counselor");
        assertThat(current.get("assigned_at").isNull()).isFalse();
        assertThat(current.get("assigned_by").get("id").asString()).isEqualTo(org.adminId().toString());
    }

    @Test
    void assigningALeadThatHasAnOwnerIsAConflictPointingToReassign() {
        Org org = registerOrganization();
        TestUser first = userWithRole(org, "counselor");
        TestUser second = userWithRole(org, "counselor");
        UUID lead = lead(org, "Bina", first.id(), null);

        var response = api.post("/api/v1/assignments/assign", org.adminToken(), assign(lead, second.id())).expect(409);

        assertThat(response.errorField()).isEqualTo("lead_id");
        assertThat(response.body().get("message").asString()).contains("reassign");
        assertThat(ownerOf(org, lead)).isEqualTo(first.id());
    }

    @Test
    void reassignAndUnassignKeepTheWholeHistoryWithNames() {
        Org org = registerOrganization();
        TestUser first = userWithRole(org, "counselor");
        TestUser second = userWithRole(org, "agent");
        UUID lead = lead(org, "Chitra", null, null);

        api.post("/api/v1/assignments/assign", org.adminToken(), assign(lead, first.id())).expect(200);
        JsonNode moved = api.post("/api/v1/assignments/reassign", org.adminToken(), Map.of("lead_id", lead.toString(),
                "assigned_to", second.id().toString(), "reason", "Workload")).expect(200).data();
        assertThat(moved.get("previous_assignee").get("id").asString()).isEqualTo(first.id().toString());
        api.post("/api/v1/assignments/unassign", org.adminToken(), Map.of("lead_id", lead.toString(),
                "reason", "Needs special handling")).expect(200);

        JsonNode history = api.get("/api/v1/assignments/lead/" + lead + "/history", org.adminToken()).expect(200).data();
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.get(0).get("action").asString()).isEqualTo("assign");
        assertThat(history.get(1).get("action").asString()).isEqualTo("reassign");
        assertThat(history.get(1).get("previous_assignee").get("full_name").asString()).isEqualTo("Test counselor");
        assertThat(history.get(1).get("assigned_to").get("full_name").asString()).isEqualTo("Test agent");
        assertThat(history.get(1).get("assigned_by").get("full_name").asString()).isEqualTo("Ada Admin");
        assertThat(history.get(2).get("action").asString()).isEqualTo("unassign");
        assertThat(history.get(2).get("assigned_to").isNull()).isTrue();
        assertThat(history.get(2).get("reason").asString()).isEqualTo("Needs special handling");
        assertThat(ownerOf(org, lead)).isNull();
        assertThat(api.get("/api/v1/assignments/lead/" + lead, org.adminToken()).expect(200).data()
                .get("assigned_to").isNull()).isTrue();
        assertThat(auditActions(org, lead)).containsExactly("lead.assignment.assign", "lead.assignment.reassign",
                "lead.assignment.unassign");
    }

    @Test
    void reassigningAnUnassignedLeadIsAConflictAndToTheSameOwnerIsRefused() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID unowned = lead(org, "Dev", null, null);
        UUID owned = lead(org, "Esha", counselor.id(), null);

        assertThat(api.post("/api/v1/assignments/reassign", org.adminToken(), assign(unowned, counselor.id()))
                .expect(409).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/assignments/reassign", org.adminToken(), assign(owned, counselor.id()))
                .expect(422).errorField()).isEqualTo("assigned_to");
        assertThat(api.post("/api/v1/assignments/unassign", org.adminToken(), Map.of("lead_id", unowned.toString()))
                .expect(409).errorField()).isEqualTo("lead_id");
    }

    @Test
    void theAssigneeMustBeAnActiveUserOfTheOrganization() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser inactive = userWithRole(org, "counselor");
        api.patch("/api/v1/admin/users/" + inactive.id(), org.adminToken(), Map.of("active", false)).expect(200);
        UUID lead = lead(org, "Farah", null, null);

        assertThat(api.post("/api/v1/assignments/assign", org.adminToken(), assign(lead, inactive.id()))
                .expect(422).errorField()).isEqualTo("assigned_to");
        assertThat(api.post("/api/v1/assignments/assign", org.adminToken(), assign(lead, other.adminId()))
                .expect(422).errorField()).isEqualTo("assigned_to");
        assertThat(api.post("/api/v1/assignments/assign", org.adminToken(), assign(lead, UUID.randomUUID()))
                .expect(422).errorField()).isEqualTo("assigned_to");
        assertThat(ownerOf(org, lead)).isNull();
    }

    @Test
    void missingOrOverlongFieldsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = lead(org, "Gita", null, null);

        assertThat(api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", lead.toString()))
                .expect(422).errorField()).isEqualTo("assigned_to");
        assertThat(api.post("/api/v1/assignments/reassign", org.adminToken(),
                Map.of("assigned_to", org.adminId().toString())).expect(422).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/assignments/unassign", org.adminToken(), Map.of("lead_id", lead.toString(),
                "reason", "x".repeat(501))).expect(422).errorField()).isEqualTo("reason");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequests() {
        Org org = registerOrganization();

        api.raw("POST", "/api/v1/assignments/assign", org.adminToken(), "application/json", "{\"lead_id\": ").expect(400);
        assertThat(api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", "not-a-uuid",
                "assigned_to", org.adminId().toString())).expect(400).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/assignments/unassign", org.adminToken(), Map.of("lead_id", 42, "reason",
                Map.of("a", 1))).expect(400).errorField()).isNotNull();
        api.get("/api/v1/assignments/lead/not-a-uuid", org.adminToken()).expect(400);
        api.get("/api/v1/assignments?from=yesterday", org.adminToken()).expect(400);
    }

    @Test
    void aCounselorCannotAssignToSomeoneElseNorUnassign() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser colleague = userWithRole(org, "counselor");
        UUID lead = lead(org, "Hema", counselor.id(), null);

        api.post("/api/v1/assignments/reassign", counselor.token(), assign(lead, colleague.id())).expect(403);
        api.post("/api/v1/assignments/assign", counselor.token(), assign(lead, colleague.id())).expect(403);
        api.post("/api/v1/assignments/unassign", counselor.token(), Map.of("lead_id", lead.toString())).expect(403);
        api.post("/api/v1/assignments/bulk-assign", counselor.token(), Map.of("strategy", "round_robin")).expect(403);
        api.get("/api/v1/assignments", counselor.token()).expect(403);
        assertThat(ownerOf(org, lead)).isEqualTo(counselor.id());
    }

    @Test
    void anAgentGetsNotFoundForALeadNotAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        TestUser colleague = userWithRole(org, "agent");
        UUID theirs = lead(org, "Indu", colleague.id(), null);
        UUID unowned = lead(org, "Jaya", null, null);

        api.get("/api/v1/assignments/lead/" + theirs, agent.token()).expect(404);
        api.get("/api/v1/assignments/lead/" + theirs + "/history", agent.token()).expect(404);
        api.post("/api/v1/assignments/assign", agent.token(), assign(unowned, agent.id())).expect(404);
        api.post("/api/v1/assignments/reassign", agent.token(), assign(theirs, agent.id())).expect(404);
        assertThat(ownerOf(org, theirs)).isEqualTo(colleague.id());
        assertThat(ownerOf(org, unowned)).isNull();
    }

    @Test
    void anAgentReadsTheAssignmentOfTheirOwnLeadAndListsTheirAssignments() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = lead(org, "Kavya", null, null);
        UUID other = lead(org, "Lata", null, null);
        api.post("/api/v1/assignments/assign", org.adminToken(), assign(mine, agent.id())).expect(200);
        api.post("/api/v1/assignments/assign", org.adminToken(), assign(other, org.adminId())).expect(200);

        assertThat(api.get("/api/v1/assignments/lead/" + mine, agent.token()).expect(200).data()
                .get("assigned_to").get("id").asString()).isEqualTo(agent.id().toString());
        var own = api.get("/api/v1/assignments/user", agent.token()).expect(200);
        assertThat(own.data().size()).isEqualTo(1);
        assertThat(own.data().get(0).get("lead_id").asString()).isEqualTo(mine.toString());
        assertThat(own.data().get(0).get("lead_name").asString()).isEqualTo("Kavya Lead");
        assertThat(own.body().get("meta").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aManagerAssignsWithinTheirBranchOnly() {
        Org org = registerOrganization();
        UUID north = branch(org, "North");
        UUID south = branch(org, "South");
        TestUser manager = userWithRole(org, "manager", north);
        TestUser northCounselor = userWithRole(org, "counselor", north);
        TestUser southCounselor = userWithRole(org, "counselor", south);
        UUID northLead = lead(org, "Meera", null, north);
        UUID southLead = lead(org, "Nila", null, south);

        assertThat(api.post("/api/v1/assignments/assign", manager.token(), assign(northLead, southCounselor.id()))
                .expect(422).errorField()).isEqualTo("assigned_to");
        api.post("/api/v1/assignments/assign", manager.token(), assign(southLead, northCounselor.id())).expect(404);
        api.post("/api/v1/assignments/assign", manager.token(), assign(northLead, northCounselor.id())).expect(200);

        assertThat(ownerOf(org, northLead)).isEqualTo(northCounselor.id());
        assertThat(ownerOf(org, southLead)).isNull();
    }

    @Test
    void anotherOrganizationsLeadIsNotFoundAndShowsNothing() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreign = lead(other, "Oviya", other.adminId(), null);

        var response = api.get("/api/v1/assignments/lead/" + foreign, org.adminToken()).expect(404);
        assertThat(response.raw()).doesNotContain("Oviya");
        api.get("/api/v1/assignments/lead/" + foreign + "/history", org.adminToken()).expect(404);
        api.post("/api/v1/assignments/reassign", org.adminToken(), assign(foreign, org.adminId())).expect(404);
        api.post("/api/v1/assignments/unassign", org.adminToken(), Map.of("lead_id", foreign.toString())).expect(404);
        assertThat(api.get("/api/v1/assignments", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(ownerOf(other, foreign)).isEqualTo(other.adminId());
    }

    @Test
    void theOrganizationHistoryFiltersByUserActorActionAndTimeWithinTheCallersScope() {
        Org org = registerOrganization();
        UUID north = branch(org, "North");
        TestUser manager = userWithRole(org, "manager", north);
        TestUser northCounselor = userWithRole(org, "counselor", north);
        TestUser elsewhere = userWithRole(org, "counselor");
        UUID northLead = lead(org, "Padma", null, north);
        UUID otherLead = lead(org, "Quinn", null, null);
        api.post("/api/v1/assignments/assign", manager.token(), assign(northLead, northCounselor.id())).expect(200);
        api.post("/api/v1/assignments/assign", org.adminToken(), assign(otherLead, elsewhere.id())).expect(200);
        api.post("/api/v1/assignments/unassign", org.adminToken(), Map.of("lead_id", otherLead.toString())).expect(200);

        var all = api.get("/api/v1/assignments?limit=2", org.adminToken()).expect(200);
        assertThat(all.body().get("meta").get("total").asLong()).isEqualTo(3);
        assertThat(all.data().size()).isEqualTo(2);
        assertThat(all.data().get(0).get("action").asString()).isEqualTo("unassign");
        assertThat(api.get("/api/v1/assignments?user_id=" + elsewhere.id(), org.adminToken()).expect(200).data().size())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/assignments?assigned_by=" + manager.id(), org.adminToken()).expect(200).data()
                .get(0).get("lead_id").asString()).isEqualTo(northLead.toString());
        assertThat(api.get("/api/v1/assignments?action=unassign", org.adminToken()).expect(200).data().size())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/assignments?from=2999-01-01T00:00:00Z", org.adminToken()).expect(200).data()
                .size()).isZero();
        assertThat(api.get("/api/v1/assignments?to=2999-01-01T00:00:00Z", org.adminToken()).expect(200).data()
                .size()).isEqualTo(3);
        var managers = api.get("/api/v1/assignments", manager.token()).expect(200).data();
        assertThat(managers.size()).isEqualTo(1);
        assertThat(managers.get(0).get("lead_id").asString()).isEqualTo(northLead.toString());
        assertThat(api.get("/api/v1/assignments?action=steal", org.adminToken()).expect(422).errorField())
                .isEqualTo("action");
        assertThat(api.get("/api/v1/assignments?limit=500", org.adminToken()).expect(400).errorField())
                .isEqualTo("limit");
    }
}
