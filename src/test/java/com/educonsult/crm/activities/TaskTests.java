package com.educonsult.crm.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskTests extends ActivityFixtures {

    private static OffsetDateTime inDays(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).truncatedTo(ChronoUnit.SECONDS);
    }

    private UUID task(String token, Map<String, Object> body) {
        return id(api.post("/api/v1/tasks", token, body).expect(201).data());
    }

    @Test
    void completingAFollowUpRecordsAnActivityAndMovesTheNextFollowUp() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        OffsetDateTime first = inDays(1);
        OffsetDateTime second = inDays(4);
        UUID soon = task(counselor.token(), Map.of("lead_id", lead.toString(), "title", "Call about documents",
                "kind", "follow_up", "due_at", first.toString()));
        task(counselor.token(), Map.of("lead_id", lead.toString(), "title", "Check visa status",
                "kind", "follow_up", "due_at", second.toString()));
        assertThat(nextFollowUp(org, lead).toInstant()).isEqualTo(first.toInstant());

        var done = api.patch("/api/v1/tasks/" + soon, counselor.token(),
                Map.of("status", "completed", "outcome", "Documents received")).expect(200).data();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("completed_at").isNull()).isFalse();

        var activities = api.get("/api/v1/activities/lead/" + lead, counselor.token()).expect(200).data();
        assertThat(activities.size()).isEqualTo(1);
        assertThat(activities.get(0).get("activity_type").asString()).isEqualTo("follow_up");
        assertThat(activities.get(0).get("outcome").asString()).isEqualTo("Documents received");
        assertThat(activities.get(0).get("task_id").asString()).isEqualTo(soon.toString());
        assertThat(lastContact(org, lead)).isNotNull();
        assertThat(nextFollowUp(org, lead).toInstant()).isEqualTo(second.toInstant());
    }

    @Test
    void deletingTheLastFollowUpClearsTheLeadsNextFollowUp() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        UUID followUp = task(org.adminToken(), Map.of("lead_id", lead.toString(), "title", "Ring back",
                "kind", "follow_up", "due_at", inDays(2).toString()));
        assertThat(nextFollowUp(org, lead)).isNotNull();

        api.delete("/api/v1/tasks/" + followUp, org.adminToken()).expect(200);
        assertThat(nextFollowUp(org, lead)).isNull();
    }

    @Test
    void tasksAreListedByAssigneeStatusKindAndDueTime() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        task(org.adminToken(), Map.of("lead_id", lead.toString(), "title", "Overdue call", "kind", "call",
                "due_at", inDays(-2).toString(), "assignee_id", counselor.id().toString()));
        task(counselor.token(), Map.of("title", "Prepare the brochure", "due_at", inDays(10).toString()));

        assertThat(api.get("/api/v1/tasks?assignee_id=me", counselor.token()).expect(200).data().size()).isEqualTo(2);
        assertThat(api.get("/api/v1/tasks?overdue=true", counselor.token()).expect(200).data().get(0)
                .get("title").asString()).isEqualTo("Overdue call");
        assertThat(api.get("/api/v1/tasks?kind=task&status=open", counselor.token()).expect(200).data().size())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/tasks?due_before=" + inDays(1), counselor.token()).expect(200).data().size())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/tasks?due_after=" + inDays(1), counselor.token()).expect(200).data().size())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/tasks", org.adminToken()).expect(200).data().size()).isEqualTo(2);
    }

    @Test
    void assigningATaskToSomeoneElseNeedsTheAssignPermission() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());

        api.post("/api/v1/tasks", counselor.token(), Map.of("lead_id", lead.toString(), "title", "x",
                "assignee_id", other.id().toString())).expect(403);
        UUID mine = task(counselor.token(), Map.of("lead_id", lead.toString(), "title", "x"));
        api.patch("/api/v1/tasks/" + mine, counselor.token(), Map.of("assignee_id", other.id().toString())).expect(403);
        var assigned = api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead.toString(), "title", "y",
                "assignee_id", counselor.id().toString())).expect(201).data();
        assertThat(assigned.get("assignee_name").asString()).isEqualTo("Test counselor");
    }

    @Test
    void invalidTasksAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID task = task(org.adminToken(), Map.of("title", "x"));

        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("title", " ")).expect(422).errorField())
                .isEqualTo("title");
        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("title", "x", "kind", "chore"))
                .expect(422).errorField()).isEqualTo("kind");
        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("title", "x", "kind", "follow_up"))
                .expect(422).errorField()).isEqualTo("due_at");
        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("title", "x",
                "assignee_id", UUID.randomUUID().toString())).expect(422).errorField()).isEqualTo("assignee_id");
        assertThat(api.patch("/api/v1/tasks/" + task, org.adminToken(), Map.of("status", "finished"))
                .expect(422).errorField()).isEqualTo("status");
        assertThat(api.get("/api/v1/tasks?assignee_id=somebody", org.adminToken()).expect(422).errorField())
                .isEqualTo("assignee_id");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID task = task(org.adminToken(), Map.of("title", "x"));

        api.raw("POST", "/api/v1/tasks", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PATCH", "/api/v1/tasks/" + task, org.adminToken(), "application/json", "{]").expect(400);
        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("title", "x", "due_at", "friday"))
                .expect(400).errorField()).isEqualTo("due_at");
        assertThat(api.patch("/api/v1/tasks/" + task, org.adminToken(), Map.of("lead_id", 5, "title", Map.of()))
                .expect(400).errorField()).isNotNull();
        assertThat(api.get("/api/v1/tasks?overdue=maybe", org.adminToken()).expect(400).errorField())
                .isEqualTo("overdue");
    }

    @Test
    void changingTasksNeedsThePermission() {
        Org org = registerOrganization();
        TestUser readOnly = userWithPermissions(org, "leads:read");
        UUID task = task(org.adminToken(), Map.of("title", "x", "assignee_id", readOnly.id().toString()));

        assertThat(api.get("/api/v1/tasks", readOnly.token()).expect(200).data().size()).isEqualTo(1);
        api.post("/api/v1/tasks", readOnly.token(), Map.of("title", "y")).expect(403);
        api.patch("/api/v1/tasks/" + task, readOnly.token(), Map.of("status", "completed")).expect(403);
        api.delete("/api/v1/tasks/" + task, readOnly.token()).expect(403);
    }

    @Test
    void anAgentCannotSeeOrChangeTasksOfALeadNotAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID other = lead(org);
        UUID hidden = task(org.adminToken(), Map.of("lead_id", other.toString(), "title", "Not yours"));

        assertThat(api.get("/api/v1/tasks", agent.token()).expect(200).data().size()).isZero();
        api.get("/api/v1/tasks?lead_id=" + other, agent.token()).expect(404);
        assertThat(api.post("/api/v1/tasks", agent.token(), Map.of("lead_id", other.toString(), "title", "x"))
                .expect(422).errorField()).isEqualTo("lead_id");
        api.patch("/api/v1/tasks/" + hidden, agent.token(), Map.of("title", "x")).expect(404);
        api.delete("/api/v1/tasks/" + hidden, agent.token()).expect(404);
    }

    @Test
    void anotherOrganizationsTasksAreNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignLead = lead(other);
        UUID foreign = task(other.adminToken(), Map.of("lead_id", foreignLead.toString(), "title", "Theirs"));

        api.patch("/api/v1/tasks/" + foreign, org.adminToken(), Map.of("title", "x")).expect(404);
        var deleted = api.delete("/api/v1/tasks/" + foreign, org.adminToken()).expect(404);
        assertThat(deleted.body().has("data")).isFalse();
        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", foreignLead.toString(), "title", "x"))
                .expect(422).errorField()).isEqualTo("lead_id");
        assertThat(api.get("/api/v1/tasks", org.adminToken()).expect(200).data().size()).isZero();
    }
}
