package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeadSelectionTests extends LeadApiTest {

    @Test
    void assigningASelectionGivesEachLeadToTheOwnerAndCountsTheOnesAlreadyTheirs() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID first = createLead(org.adminToken(), "Aman", null);
        UUID second = createLead(org.adminToken(), "Bela", null);
        assign(org, second, counselor.id());

        JsonNode outcome = api.post("/api/v1/leads/bulk", org.adminToken(), Map.of("lead_ids", List.of(first, second),
                "action", "assign", "assigned_to", counselor.id())).expect(200).data();

        assertThat(outcome.get("changed").asInt()).isEqualTo(1);
        assertThat(outcome.get("unchanged").asInt()).isEqualTo(1);
        assertThat(lead(org.adminToken(), first).get("assigned_to").asString()).isEqualTo(counselor.id().toString());
    }

    @Test
    void aStatusMoveTheRulesRefuseIsReportedAndTheOtherLeadsStillMove() {
        Org org = registerOrganization();
        UUID contacted = createLead(org.adminToken(), "Chetan", null);
        UUID fresh = createLead(org.adminToken(), "Divya", null);
        api.post("/api/v1/stages/change-status", org.adminToken(),
                Map.of("lead_id", contacted, "status", "contacted")).expect(200);
        // the default pipeline goes new -> contacted -> counselling_scheduled: a new lead cannot skip a step
        JsonNode outcome = api.post("/api/v1/leads/bulk", org.adminToken(), Map.of("lead_ids",
                List.of(contacted, fresh), "action", "status", "status_id", statusId(org, "counselling_scheduled")))
                .expect(200).data();

        assertThat(outcome.get("changed").asInt()).isEqualTo(1);
        assertThat(outcome.get("failed")).hasSize(1);
        assertThat(outcome.get("failed").get(0).get("lead_id").asString()).isEqualTo(fresh.toString());
        assertThat(lead(org.adminToken(), contacted).get("status").get("code").asString())
                .isEqualTo("counselling_scheduled");
    }

    @Test
    void taggingASelectionAddsTheTagOnce() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Esha", "tags", List.of("ielts")));
        api.post("/api/v1/leads/bulk", org.adminToken(), Map.of("lead_ids", List.of(lead), "action", "add_tag",
                "tag", "scholarship")).expect(200);
        JsonNode again = api.post("/api/v1/leads/bulk", org.adminToken(), Map.of("lead_ids", List.of(lead),
                "action", "add_tag", "tag", "scholarship")).expect(200).data();
        assertThat(again.get("unchanged").asInt()).isEqualTo(1);
        assertThat(lead(org.adminToken(), lead).get("tags").toString()).isEqualTo("[\"ielts\",\"scholarship\"]");
    }

    @Test
    void anActionMissingWhatItNeedsIsRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), "Farah", null);
        assertThat(api.post("/api/v1/leads/bulk", org.adminToken(), Map.of("lead_ids", List.of(lead),
                "action", "assign")).expect(422).errorField()).isEqualTo("assigned_to");
        assertThat(api.post("/api/v1/leads/bulk", org.adminToken(), Map.of("lead_ids", List.of(),
                "action", "add_tag", "tag", "x")).expect(422).errorField()).isEqualTo("lead_ids");
        assertThat(api.post("/api/v1/leads/bulk", org.adminToken(), Map.of("lead_ids", List.of(lead),
                "action", "delete")).expect(422).errorField()).isEqualTo("action");
    }

    @Test
    void leadsOutsideTheCallersScopeOrOrganizationAreReportedNotChanged() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID notTheirs = createLead(org.adminToken(), "Gita", null);
        UUID foreign = createLead(other.adminToken(), "Hari", null);
        JsonNode outcome = api.post("/api/v1/leads/bulk", counselor.token(), Map.of("lead_ids",
                List.of(notTheirs, foreign), "action", "add_tag", "tag", "x")).expect(200).data();
        assertThat(outcome.get("failed")).hasSize(2);
        assertThat(lead(org.adminToken(), notTheirs).get("tags")).isEmpty();
        api.post("/api/v1/leads/bulk", userWithRole(org, "agent").token(), Map.of("lead_ids", List.of(notTheirs),
                "action", "assign", "assigned_to", counselor.id())).expect(200);
        assertThat(lead(org.adminToken(), notTheirs).get("assigned_to").isNull()).isTrue();
    }
}
