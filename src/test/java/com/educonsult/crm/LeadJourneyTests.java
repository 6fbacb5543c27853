package com.educonsult.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.EventStreamClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Whole journeys across modules, over HTTP only: what one module does shows up in the others. */
class LeadJourneyTests extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void leadsCreatedThroughTheApiAreAutoAssignedRoundRobin() {
        Org org = registerOrganization();
        TestUser first = userWithRole(org, "counselor");
        TestUser second = userWithRole(org, "counselor");
        api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin")).expect(200);

        List<String> assignees = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode lead = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Lead " + i))
                    .expect(201).data();
            assignees.add(lead.get("assigned_to").asString());
        }

        assertThat(assignees).containsOnly(first.id().toString(), second.id().toString());
        assertThat(assignees.stream().filter(first.id().toString()::equals)).hasSize(2);
    }

    @Test
    void statusChangesAndAssignmentsAppearInTheLeadsTimeline() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Timeline");
        api.post("/api/v1/assignments/assign", org.adminToken(),
                Map.of("lead_id", lead, "assigned_to", counselor.id(), "reason", "walk-in")).expect(200);
        api.post("/api/v1/stages/change-status", counselor.token(),
                Map.of("lead_id", lead, "status", "contacted", "notes", "first call")).expect(200);
        api.post("/api/v1/leads/" + lead + "/notes", counselor.token(), Map.of("content", "Interested in MSc")).expect(201);

        JsonNode timeline = api.get("/api/v1/leads/" + lead + "/timeline", counselor.token()).expect(200).data();

        String text = timeline.toString();
        assertThat(text).contains("Interested in MSc", "status_change", "assignment");
    }

    @Test
    void mergingLeadsMovesNotesAndTasksToTheSurvivor() {
        Org org = registerOrganization();
        UUID survivor = createLead(org.adminToken(), "Asha");
        UUID merged = createLead(org.adminToken(), "Asha K");
        api.post("/api/v1/leads/" + merged + "/notes", org.adminToken(), Map.of("content", "From the merged lead"))
                .expect(201);
        api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", merged, "title", "Call back", "kind", "follow_up",
                "due_at", OffsetDateTime.now().plusDays(1).toString())).expect(201);

        api.post("/api/v1/leads/" + survivor + "/merge", org.adminToken(), Map.of("merge_lead_id", merged)).expect(200);

        assertThat(api.get("/api/v1/leads/" + survivor + "/notes", org.adminToken()).expect(200).data().toString())
                .contains("From the merged lead");
        assertThat(api.get("/api/v1/tasks?lead_id=" + survivor, org.adminToken()).expect(200).data().toString())
                .contains("Call back");
        assertThat(api.get("/api/v1/leads/" + survivor, org.adminToken()).expect(200).data()
                .get("next_follow_up_date").isNull()).isFalse();
        api.get("/api/v1/leads/" + merged, org.adminToken()).expect(404);
    }

    @Test
    void aLeadCreatedOverTheApiIsAnnouncedLiveToItsAssigneeOnly() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");

        try (var mine = new EventStreamClient(api.baseUrl() + "/api/v1/events/stream", counselor.token());
                var theirs = new EventStreamClient(api.baseUrl() + "/api/v1/events/stream", other.token())) {
            assertThat(mine.next("ready", WAIT)).isNotNull();
            assertThat(theirs.next("ready", WAIT)).isNotNull();

            UUID lead = createLead(counselor.token(), "Live Lead");
            api.post("/api/v1/leads/" + lead + "/notes", counselor.token(), Map.of("content", "hello")).expect(201);

            assertThat(mine.next("lead.created", WAIT).data()).contains(lead.toString(), "Live Lead");
            assertThat(mine.next("note.added", WAIT).data()).contains(lead.toString());
            assertThat(theirs.next("lead.created", Duration.ofSeconds(2))).isNull();
        }
    }

    @Test
    void completingAFollowUpTaskRecordsContactAndAnInteraction() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), "Follow");
        JsonNode task = api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead, "title", "Call",
                "kind", "follow_up", "due_at", OffsetDateTime.now().plusHours(2).toString())).expect(201).data();
        assertThat(api.get("/api/v1/leads/" + lead, org.adminToken()).data().get("next_follow_up_date").isNull()).isFalse();

        api.patch("/api/v1/tasks/" + task.get("id").asString(), org.adminToken(),
                Map.of("status", "completed", "outcome", "Spoke to parent")).expect(200);

        JsonNode after = api.get("/api/v1/leads/" + lead, org.adminToken()).expect(200).data();
        assertThat(after.get("next_follow_up_date").isNull()).isTrue();
        assertThat(after.get("last_contact_date").isNull()).isFalse();
        assertThat(after.get("engagement").asString()).isEqualTo("active");
    }

    private UUID createLead(String token, String firstName) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", firstName);
        body.put("allow_duplicate", true);
        return UUID.fromString(api.post("/api/v1/leads", token, body).expect(201).data().get("id").asString());
    }
}
