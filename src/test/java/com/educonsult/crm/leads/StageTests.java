package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StageTests extends LeadApiTest {

    @Test
    void changingTheStatusClosesTheOpenStageAndOpensTheNext() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());

        var response = api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead,
                "status_id", statusId(org, "contacted"), "notes", "Called", "next_action", "Book counselling"))
                .expect(200);

        assertThat(response.body().get("message").asString()).contains("'New'", "'Contacted'");
        JsonNode change = response.data();
        assertThat(change.get("previous_status").get("code").asString()).isEqualTo("new");
        assertThat(change.get("new_status").get("code").asString()).isEqualTo("contacted");
        assertThat(change.get("current_stage").get("notes").asString()).isEqualTo("Called");
        JsonNode history = api.get("/api/v1/stages/lead/" + lead + "/history", org.adminToken()).expect(200).data();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("exited_at").isNull()).isFalse();
        assertThat(history.get(0).get("duration_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(history.get(1).get("exited_at").isNull()).isTrue();
        assertThat(history.get(1).get("changed_by_name").asString()).isEqualTo("Ada Admin");
        assertThat(history.get(1).get("next_action").asString()).isEqualTo("Book counselling");
        assertThat(history.get(1).get("sla_breached").asBoolean()).isFalse();
        JsonNode current = api.get("/api/v1/stages/lead/" + lead + "/current", org.adminToken()).expect(200).data();
        assertThat(current.get("id").asString()).isEqualTo(change.get("stage_id").asString());
        assertThat(lead(org.adminToken(), lead).get("status").get("code").asString()).isEqualTo("contacted");
    }

    @Test
    void aTransitionTheRulesDoNotAllowIsRefusedNamingTheAllowedStatuses() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());

        var refused = api.post("/api/v1/stages/change-status", org.adminToken(),
                Map.of("lead_id", lead, "status", "enrolled")).expect(422);

        assertThat(refused.body().get("message").asString()).contains("contacted", "lost");
        List<String> errors = new ArrayList<>();
        refused.body().get("errors").forEach(e -> errors.add(e.get("message").asString()));
        assertThat(errors).anyMatch(m -> m.contains("contacted")).anyMatch(m -> m.contains("lost"));
        assertThat(refused.errorField()).isEqualTo("status");
        assertThat(api.get("/api/v1/stages/lead/" + lead + "/history", org.adminToken()).data().size()).isOne();
    }

    @Test
    void aWonStatusStampsTheConversionOnce() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("status", "visa_applied"));

        change(org, lead, "enrolled").expect(200);
        String converted = lead(org.adminToken(), lead).get("converted_at").asString();
        change(org, lead, "lost").expect(200);
        change(org, lead, "contacted").expect(200);

        assertThat(converted).isNotBlank();
        assertThat(lead(org.adminToken(), lead).get("converted_at").asString()).isEqualTo(converted);
    }

    @Test
    void nextStatusesAreTheOnesTheRulesAllow() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());

        JsonNode next = api.get("/api/v1/stages/lead/" + lead + "/next-statuses", org.adminToken()).expect(200).data();

        assertThat(next.get("current_status").get("code").asString()).isEqualTo("new");
        List<String> codes = new ArrayList<>();
        next.get("next_possible_statuses").forEach(s -> codes.add(s.get("code").asString()));
        assertThat(codes).containsExactly("contacted", "lost");
    }

    @Test
    void aStageOverItsSlaIsMarkedBreached() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());
        tenancy.runAs(org.id(), () -> db.execute("update lead_stages set sla_due_at = now() - interval '1 hour' "
                + "where organization_id = ? and lead_id = ?", org.id(), lead));

        assertThat(api.get("/api/v1/stages/lead/" + lead + "/current", org.adminToken()).data()
                .get("sla_breached").asBoolean()).isTrue();
    }

    @Test
    void theNotesOfAStageCanBeChanged() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());
        String stage = api.get("/api/v1/stages/lead/" + lead + "/current", org.adminToken()).data().get("id").asString();

        JsonNode changed = api.put("/api/v1/stages/update-notes", org.adminToken(),
                Map.of("stage_id", stage, "notes", "Prefers evening calls", "next_action", "Call at 7pm"))
                .expect(200).data();

        assertThat(changed.get("notes").asString()).isEqualTo("Prefers evening calls");
        assertThat(changed.get("next_action").asString()).isEqualTo("Call at 7pm");
        assertThat(api.put("/api/v1/stages/update-notes", org.adminToken(), Map.of("notes", "x"))
                .expect(422).errorField()).isEqualTo("stage_id");
        api.put("/api/v1/stages/update-notes", org.adminToken(), Map.of("stage_id", UUID.randomUUID())).expect(404);
    }

    @Test
    void concurrentChangesNeverLeaveTwoOpenStages() throws Exception {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());
        List<Callable<Integer>> changes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String target = i % 2 == 0 ? "contacted" : "lost";
            changes.add(() -> change(org, lead, target).status());
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> result : pool.invokeAll(changes)) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).allMatch(s -> s == 200 || s == 422).contains(200);
        int open = tenancy.callAs(org.id(), () -> db.fetchCount(db.selectFrom("lead_stages")
                .where("organization_id = ? and lead_id = ? and exited_at is null", org.id(), lead)));
        assertThat(open).isOne();
        JsonNode history = api.get("/api/v1/stages/lead/" + lead + "/history", org.adminToken()).data();
        assertThat(history.size()).isEqualTo(1 + (int) statuses.stream().filter(s -> s == 200).count());
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());

        assertThat(api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("status", "contacted"))
                .expect(422).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead))
                .expect(422).errorField()).isEqualTo("status_id");
        assertThat(api.post("/api/v1/stages/change-status", org.adminToken(),
                Map.of("lead_id", lead, "status_id", UUID.randomUUID())).expect(422).errorField()).isEqualTo("status_id");
        api.raw("POST", "/api/v1/stages/change-status", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PUT", "/api/v1/stages/update-notes", org.adminToken(), "application/json", "{").expect(400);
        assertThat(api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", 42, "status", "lost"))
                .expect(400).errorField()).isEqualTo("lead_id");
        api.get("/api/v1/stages/lead/nope/history", org.adminToken()).expect(400);
    }

    @Test
    void anAgentCannotSeeOrMoveALeadNotAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = createLead(org.adminToken(), Map.of());
        UUID theirs = createLead(org.adminToken(), Map.of());
        assign(org, mine, agent.id());
        String theirStage = api.get("/api/v1/stages/lead/" + theirs + "/current", org.adminToken()).data()
                .get("id").asString();

        api.post("/api/v1/stages/change-status", agent.token(), Map.of("lead_id", mine, "status", "contacted"))
                .expect(200);
        api.post("/api/v1/stages/change-status", agent.token(), Map.of("lead_id", theirs, "status", "contacted"))
                .expect(404);
        api.get("/api/v1/stages/lead/" + theirs + "/current", agent.token()).expect(404);
        api.get("/api/v1/stages/lead/" + theirs + "/history", agent.token()).expect(404);
        api.get("/api/v1/stages/lead/" + theirs + "/next-statuses", agent.token()).expect(404);
        api.put("/api/v1/stages/update-notes", agent.token(), Map.of("stage_id", theirStage, "notes", "x")).expect(404);
        assertThat(lead(org.adminToken(), theirs).get("status").get("code").asString()).isEqualTo("new");
    }

    @Test
    void changingStagesNeedsTheWritePermission() {
        Org org = registerOrganization();
        TestUser reader = reader(org);
        UUID lead = createLead(org.adminToken(), Map.of());
        String stage = api.get("/api/v1/stages/lead/" + lead + "/current", org.adminToken()).data().get("id").asString();

        api.get("/api/v1/stages/lead/" + lead + "/history", reader.token()).expect(200);
        api.post("/api/v1/stages/change-status", reader.token(), Map.of("lead_id", lead, "status", "contacted"))
                .expect(403);
        api.put("/api/v1/stages/update-notes", reader.token(), Map.of("stage_id", stage, "notes", "x")).expect(403);
    }

    @Test
    void anotherOrganizationsLeadAndStagesAreNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreign = createLead(other.adminToken(), Map.of());
        String stage = api.get("/api/v1/stages/lead/" + foreign + "/current", other.adminToken()).data()
                .get("id").asString();

        api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", foreign, "status", "contacted"))
                .expect(404);
        var history = api.get("/api/v1/stages/lead/" + foreign + "/history", org.adminToken()).expect(404);
        assertThat(history.body().has("data")).isFalse();
        api.put("/api/v1/stages/update-notes", org.adminToken(), Map.of("stage_id", stage, "notes", "x")).expect(404);
    }

    private Response change(Org org, UUID lead, String status) {
        return api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead, "status", status));
    }
}
