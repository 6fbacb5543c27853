package com.educonsult.crm.activities;

import static com.educonsult.crm.support.MergePatchChecks.assertCleared;
import static com.educonsult.crm.support.MergePatchChecks.assertRefusesNull;
import static com.educonsult.crm.support.MergePatchChecks.clear;
import static com.educonsult.crm.support.MergePatchChecks.mergePatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH of notes and tasks as JSON Merge Patch: absent stays, null clears, required fields refuse null. */
class ActivityMergePatchTests extends ActivityFixtures {

    private static final String DUE = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toString();

    @Test
    void nullOnANotesReminderCancelsItsFollowUpAndNullOnTagsRemovesThem() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        JsonNode note = api.post("/api/v1/leads/" + lead + "/notes", counselor.token(), Map.of("content", "Call back",
                "reminder_at", DUE, "tags", List.of("exam"), "priority", "high")).expect(201).data();
        String path = "/api/v1/notes/" + id(note);

        JsonNode changed = clear(api, path, counselor.token(), "reminder_at", "tags");

        assertCleared(changed, "reminder_at");
        assertThat(changed.get("tags").size()).isZero();
        assertThat(changed.get("content").asString()).isEqualTo("Call back");
        assertThat(changed.get("priority").asString()).isEqualTo("high");
        assertThat(nextFollowUp(org, lead)).isNull();
        assertRefusesNull(api, path, counselor.token(), "type", "content", "priority", "is_private");
    }

    @Test
    void nullClearsATasksDueTimeDescriptionAndAssigneeWhileAbsentFieldsStay() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        JsonNode task = api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead.toString(),
                "title", "Send brochure", "description", "By email", "due_at", DUE)).expect(201).data();
        String path = "/api/v1/tasks/" + id(task);

        JsonNode changed = clear(api, path, org.adminToken(), List.of("due_at", "description", "assignee_id"),
                Map.of("priority", "high"));

        assertCleared(changed, "due_at", "description", "assignee_id");
        assertThat(changed.get("title").asString()).isEqualTo("Send brochure");
        assertThat(changed.get("priority").asString()).isEqualTo("high");
        assertRefusesNull(api, path, org.adminToken(), "title", "kind", "priority", "status");
    }

    @Test
    void onlyAUserWhoMayAssignLeavesATaskWithNobody() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        JsonNode task = api.post("/api/v1/tasks", counselor.token(), Map.of("lead_id", lead(org, counselor.id())
                .toString(), "title", "Call")).expect(201).data();

        mergePatch(api, "/api/v1/tasks/" + id(task), counselor.token(),
                JSON.createObjectNode().putNull("assignee_id")).expect(403);
    }

    @Test
    void aFollowUpKeepsItsDueTime() {
        Org org = registerOrganization();
        JsonNode task = api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead(org).toString(),
                "title", "Call", "kind", "follow_up", "due_at", DUE)).expect(201).data();

        var refused = mergePatch(api, "/api/v1/tasks/" + id(task),
                org.adminToken(), JSON.createObjectNode().putNull("due_at")).expect(422);

        assertThat(refused.errorField()).isEqualTo("due_at");
    }
}
