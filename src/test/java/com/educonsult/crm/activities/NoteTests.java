package com.educonsult.crm.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NoteTests extends ActivityFixtures {

    @Test
    void aCounselorAddsListsChangesAndDeletesANoteOnTheirLead() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());

        var created = api.post("/api/v1/leads/" + lead + "/notes", counselor.token(), Map.of("type", "call",
                "content", "Wants a masters in Canada", "priority", "high", "tags", List.of("canada", "masters")))
                .expect(201).data();
        assertThat(created.get("author_id").asString()).isEqualTo(counselor.id().toString());
        assertThat(created.get("author_name").asString()).isEqualTo("Test counselor");
        assertThat(created.get("is_private").asBoolean()).isFalse();

        var list = api.get("/api/v1/leads/" + lead + "/notes", counselor.token()).expect(200);
        assertThat(list.body().get("meta").get("total").asLong()).isEqualTo(1);
        var changed = api.patch("/api/v1/notes/" + id(created), counselor.token(), Map.of("content", "Prefers Toronto"))
                .expect(200).data();
        assertThat(changed.get("content").asString()).isEqualTo("Prefers Toronto");
        assertThat(changed.get("type").asString()).isEqualTo("call");

        api.delete("/api/v1/notes/" + id(created), counselor.token()).expect(200);
        assertThat(api.get("/api/v1/leads/" + lead + "/notes", counselor.token()).expect(200).data().size()).isZero();
    }

    @Test
    void aNoteWithAReminderGivesItsAuthorAFollowUpThatMovesTheLeadsNextFollowUp() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        OffsetDateTime reminder = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.SECONDS);

        var note = api.post("/api/v1/leads/" + lead + "/notes", counselor.token(),
                Map.of("content", "Call back after exams", "reminder_at", reminder.toString())).expect(201).data();

        var tasks = api.get("/api/v1/tasks?lead_id=" + lead, counselor.token()).expect(200).data();
        assertThat(tasks.size()).isEqualTo(1);
        assertThat(tasks.get(0).get("kind").asString()).isEqualTo("follow_up");
        assertThat(tasks.get(0).get("assignee_id").asString()).isEqualTo(counselor.id().toString());
        assertThat(tasks.get(0).get("note_id").asString()).isEqualTo(id(note).toString());
        assertThat(nextFollowUp(org, lead).toInstant()).isEqualTo(reminder.toInstant());

        api.patch("/api/v1/notes/" + id(note), counselor.token(), Map.of("clear_reminder", true)).expect(200);
        assertThat(nextFollowUp(org, lead)).isNull();
    }

    @Test
    void aPrivateNoteIsHiddenFromOtherUsers() {
        Org org = registerOrganization();
        UUID branch = branch(org);
        TestUser manager = userWithRole(org, "manager", branch);
        TestUser counselor = userWithRole(org, "counselor", branch);
        UUID lead = lead(org, counselor.id(), branch);

        var secret = api.post("/api/v1/leads/" + lead + "/notes", counselor.token(),
                Map.of("content", "Family budget is tight", "is_private", true)).expect(201).data();
        api.post("/api/v1/leads/" + lead + "/notes", counselor.token(), Map.of("content", "Public note")).expect(201);

        assertThat(api.get("/api/v1/leads/" + lead + "/notes", counselor.token()).expect(200).data().size()).isEqualTo(2);
        assertThat(api.get("/api/v1/leads/" + lead + "/notes", org.adminToken()).expect(200).data().size()).isEqualTo(2);
        var managerView = api.get("/api/v1/leads/" + lead + "/notes", manager.token()).expect(200).data();
        assertThat(managerView.size()).isEqualTo(1);
        assertThat(managerView.get(0).get("content").asString()).isEqualTo("Public note");
        assertThat(api.get("/api/v1/notes/recent", manager.token()).expect(200).raw()).doesNotContain("budget");
        api.patch("/api/v1/notes/" + id(secret), manager.token(), Map.of("content", "x")).expect(404);
    }

    @Test
    void onlyTheAuthorOrAnAdminMayChangeOrDeleteANote() {
        Org org = registerOrganization();
        UUID branch = branch(org);
        TestUser manager = userWithRole(org, "manager", branch);
        TestUser counselor = userWithRole(org, "counselor", branch);
        UUID lead = lead(org, counselor.id(), branch);
        var note = api.post("/api/v1/leads/" + lead + "/notes", counselor.token(), Map.of("content", "Mine"))
                .expect(201).data();

        api.patch("/api/v1/notes/" + id(note), manager.token(), Map.of("content", "Theirs")).expect(403);
        api.delete("/api/v1/notes/" + id(note), manager.token()).expect(403);
        api.patch("/api/v1/notes/" + id(note), org.adminToken(), Map.of("priority", "urgent")).expect(200);
        api.delete("/api/v1/notes/" + id(note), org.adminToken()).expect(200);
    }

    @Test
    void anInvalidNoteIsRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        String path = "/api/v1/leads/" + lead + "/notes";

        assertThat(api.post(path, org.adminToken(), Map.of("content", " ")).expect(422).errorField()).isEqualTo("content");
        assertThat(api.post(path, org.adminToken(), Map.of("content", "x", "type", "gossip")).expect(422).errorField())
                .isEqualTo("type");
        assertThat(api.post(path, org.adminToken(), Map.of("content", "x", "priority", "meh")).expect(422).errorField())
                .isEqualTo("priority");
        var note = api.post(path, org.adminToken(), Map.of("content", "x")).expect(201).data();
        assertThat(api.patch("/api/v1/notes/" + id(note), org.adminToken(), Map.of("content", "  "))
                .expect(422).errorField()).isEqualTo("content");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        var note = api.post("/api/v1/leads/" + lead + "/notes", org.adminToken(), Map.of("content", "x"))
                .expect(201).data();

        api.raw("POST", "/api/v1/leads/" + lead + "/notes", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PATCH", "/api/v1/notes/" + id(note), org.adminToken(), "application/json", "{]").expect(400);
        assertThat(api.post("/api/v1/leads/" + lead + "/notes", org.adminToken(),
                Map.of("content", "x", "reminder_at", "tomorrow")).expect(400).errorField()).isEqualTo("reminder_at");
        assertThat(api.patch("/api/v1/notes/" + id(note), org.adminToken(), Map.of("is_private", Map.of()))
                .expect(400).errorField()).isEqualTo("is_private");
        api.get("/api/v1/leads/not-a-uuid/notes", org.adminToken()).expect(400);
    }

    @Test
    void writingNotesNeedsThePermission() {
        Org org = registerOrganization();
        TestUser readOnly = userWithPermissions(org, "leads:read");
        UUID lead = lead(org, readOnly.id());
        var note = api.post("/api/v1/leads/" + lead + "/notes", org.adminToken(), Map.of("content", "x"))
                .expect(201).data();

        api.get("/api/v1/leads/" + lead + "/notes", readOnly.token()).expect(200);
        api.post("/api/v1/leads/" + lead + "/notes", readOnly.token(), Map.of("content", "y")).expect(403);
        api.patch("/api/v1/notes/" + id(note), readOnly.token(), Map.of("content", "y")).expect(403);
        api.delete("/api/v1/notes/" + id(note), readOnly.token()).expect(403);
        api.get("/api/v1/notes/recent", null).expect(401);
    }

    @Test
    void anAgentCannotReadOrWriteNotesOfALeadNotAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID theirs = lead(org, agent.id());
        UUID other = lead(org);
        var note = api.post("/api/v1/leads/" + other + "/notes", org.adminToken(), Map.of("content", "Hidden"))
                .expect(201).data();
        api.post("/api/v1/leads/" + theirs + "/notes", org.adminToken(), Map.of("content", "Visible")).expect(201);

        api.get("/api/v1/leads/" + other + "/notes", agent.token()).expect(404);
        api.post("/api/v1/leads/" + other + "/notes", agent.token(), Map.of("content", "x")).expect(404);
        api.patch("/api/v1/notes/" + id(note), agent.token(), Map.of("content", "x")).expect(404);
        api.delete("/api/v1/notes/" + id(note), agent.token()).expect(404);
        var recent = api.get("/api/v1/notes/recent", agent.token()).expect(200).data();
        assertThat(recent.size()).isEqualTo(1);
        assertThat(recent.get(0).get("content").asString()).isEqualTo("Visible");
    }

    @Test
    void anotherOrganizationsLeadAndNotesAreNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignLead = lead(other);
        var foreignNote = api.post("/api/v1/leads/" + foreignLead + "/notes", other.adminToken(),
                Map.of("content", "Theirs")).expect(201).data();

        var read = api.get("/api/v1/leads/" + foreignLead + "/notes", org.adminToken()).expect(404);
        assertThat(read.body().has("data")).isFalse();
        api.post("/api/v1/leads/" + foreignLead + "/notes", org.adminToken(), Map.of("content", "x")).expect(404);
        api.patch("/api/v1/notes/" + id(foreignNote), org.adminToken(), Map.of("content", "x")).expect(404);
        api.delete("/api/v1/notes/" + id(foreignNote), org.adminToken()).expect(404);
        assertThat(api.get("/api/v1/notes/recent", org.adminToken()).expect(200).data().size()).isZero();
    }
}
