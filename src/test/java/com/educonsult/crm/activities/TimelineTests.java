package com.educonsult.crm.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.leads.LeadEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

class TimelineTests extends ActivityFixtures {

    @Autowired
    private ApplicationEventPublisher events;

    private List<String> summaries(JsonNode items) {
        List<String> summaries = new ArrayList<>();
        items.forEach(item -> summaries.add(item.get("kind").asString() + ": " + item.get("summary").asString()));
        return summaries;
    }

    @Test
    void notesActivitiesTasksStageChangesAndAssignmentsFormOneStreamNewestFirst() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        api.post("/api/v1/leads/" + lead + "/notes", org.adminToken(), Map.of("content", "First contact")).expect(201);
        logActivity(org, org.adminToken(), lead, Map.of("description", "Intro call"));
        tenancy.runAs(org.id(), () -> events.publishEvent(new LeadEvents.LeadStatusChanged(org.id(), lead,
                UUID.randomUUID(), "New", UUID.randomUUID(), "Contacted", org.adminId(), "Reached on phone")));
        tenancy.runAs(org.id(), () -> events.publishEvent(new LeadEvents.LeadAssigned(org.id(), lead, null,
                counselor.id(), org.adminId(), "assign", "Speaks Tamil")));
        api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead.toString(), "title", "Send brochure"))
                .expect(201);

        var page = api.get("/api/v1/leads/" + lead + "/timeline", counselor.token()).expect(200);
        assertThat(summaries(page.data())).containsExactly(
                "task: task open: Send brochure",
                "activity: Assigned to Test counselor",
                "activity: Status changed from New to Contacted",
                "activity: Intro call",
                "note: First contact");
        assertThat(page.body().get("meta").get("total").asLong()).isEqualTo(5);
        JsonNode assignment = page.data().get(1);
        assertThat(assignment.get("actor_name").asString()).isEqualTo("Ada Admin");
        assertThat(assignment.get("item").get("activity_type").asString()).isEqualTo("assignment");
        assertThat(assignment.get("item").get("details").get("reason").asString()).isEqualTo("Speaks Tamil");
        assertThat(page.data().get(2).get("item").get("details").get("to_status").asString()).isEqualTo("Contacted");
    }

    @Test
    void theTimelinePagesByOffsetAndByCursor() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        for (int i = 1; i <= 5; i++) {
            api.post("/api/v1/leads/" + lead + "/notes", org.adminToken(), Map.of("content", "Note " + i)).expect(201);
        }

        var second = api.get("/api/v1/leads/" + lead + "/timeline?limit=2&offset=2", org.adminToken()).expect(200);
        assertThat(summaries(second.data())).containsExactly("note: Note 3", "note: Note 2");

        var first = api.get("/api/v1/leads/" + lead + "/timeline?limit=2", org.adminToken()).expect(200);
        assertThat(summaries(first.data())).containsExactly("note: Note 5", "note: Note 4");
        String cursor = first.body().get("meta").get("next_cursor").asString();
        var next = api.get("/api/v1/activities/lead/" + lead + "/timeline?limit=2&cursor=" + cursor, org.adminToken())
                .expect(200);
        assertThat(summaries(next.data())).containsExactly("note: Note 3", "note: Note 2");
        var last = api.get("/api/v1/leads/" + lead + "/timeline?limit=2&cursor="
                + next.body().get("meta").get("next_cursor").asString(), org.adminToken()).expect(200);
        assertThat(summaries(last.data())).containsExactly("note: Note 1");
        assertThat(last.body().get("meta").get("next_cursor").isNull()).isTrue();
    }

    @Test
    void aMergedLeadsNotesActivitiesAndTasksMoveToTheSurvivingLead() {
        Org org = registerOrganization();
        UUID survivor = lead(org);
        UUID merged = lead(org);
        api.post("/api/v1/leads/" + merged + "/notes", org.adminToken(), Map.of("content", "Old note")).expect(201);
        logActivity(org, org.adminToken(), merged, Map.of());
        String due = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(1).withNano(0).toString();
        api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", merged.toString(), "title", "Call",
                "kind", "follow_up", "due_at", due)).expect(201);

        tenancy.runAs(org.id(), () -> events.publishEvent(
                new LeadEvents.LeadsMerged(org.id(), survivor, merged, org.adminId())));

        var timeline = api.get("/api/v1/leads/" + survivor + "/timeline", org.adminToken()).expect(200);
        assertThat(timeline.body().get("meta").get("total").asLong()).isEqualTo(3);
        assertThat(nextFollowUp(org, survivor).toInstant())
                .isEqualTo(java.time.OffsetDateTime.parse(due).toInstant());
        assertThat(engagement(org, survivor)).isEqualTo("active");
    }

    @Test
    void aBadCursorOrPageIsRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = lead(org);

        assertThat(api.get("/api/v1/leads/" + lead + "/timeline?cursor=zzz", org.adminToken()).expect(400)
                .errorField()).isEqualTo("cursor");
        assertThat(api.get("/api/v1/leads/" + lead + "/timeline?limit=0", org.adminToken()).expect(400)
                .errorField()).isEqualTo("limit");
        assertThat(api.get("/api/v1/leads/" + lead + "/timeline?limit=x", org.adminToken()).expect(400)
                .errorField()).isEqualTo("limit");
    }

    @Test
    void readingATimelineNeedsThePermission() {
        Org org = registerOrganization();
        TestUser nothing = userWithPermissions(org, "profile:manage");
        UUID lead = lead(org, nothing.id());

        api.get("/api/v1/leads/" + lead + "/timeline", nothing.token()).expect(403);
        api.get("/api/v1/leads/" + lead + "/timeline", null).expect(401);
    }

    @Test
    void anAgentCannotReadTheTimelineOfALeadNotAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID other = lead(org);

        api.get("/api/v1/leads/" + other + "/timeline", agent.token()).expect(404);
    }

    @Test
    void anotherOrganizationsTimelineIsNotFoundWithNoData() {
        Org org = registerOrganization();
        UUID foreign = lead(registerOrganization());

        var response = api.get("/api/v1/leads/" + foreign + "/timeline", org.adminToken()).expect(404);
        assertThat(response.body().has("data")).isFalse();
    }
}
