package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MobileNoteTests extends ActivityFixtures {

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private UUID statusId(Org org, String code) {
        JsonNode statuses = api.get("/api/v1/lead-statuses", org.adminToken()).expect(200).data();
        for (JsonNode status : statuses) {
            if (status.get("code").asString().equals(code)) {
                return UUID.fromString(status.get("id").asString());
            }
        }
        throw new IllegalStateException("no status " + code);
    }

    private UUID statusOf(Org org, UUID leadId) {
        return tenancy.callAs(org.id(), () -> db.select(LEADS.STATUS_ID).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(org.id()), LEADS.ID.eq(leadId)).fetchOne(LEADS.STATUS_ID));
    }

    @Test
    void aNoteWithAFollowUpAndAStatusChange() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        OffsetDateTime followUp = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0);
        Map<String, Object> body = new HashMap<>();
        body.put("lead_id", lead.toString());
        body.put("content", "Interested in nursing in Canada");
        body.put("follow_up_date", followUp.toString());
        body.put("reminder_note", "Send the Toronto brochure");
        body.put("status_id", statusId(org, "contacted").toString());

        JsonNode response = api.post("/api/v1/lead/saveNote", counselor.token(), body).expect(200).body();
        assertThat(response.get("status").asBoolean()).isTrue();
        JsonNode saved = response.get("data");
        assertThat(names(saved)).containsExactly("note", "followUp", "lead");
        assertThat(names(saved.get("note"))).containsExactly("id", "leadId", "callLogId", "noteType", "content",
                "userId", "userName", "isPrivate", "reminderDate", "createdDate", "modifiedDate");
        assertThat(saved.get("note").get("content").asString()).isEqualTo("Interested in nursing in Canada");
        assertThat(saved.get("note").get("noteType").asString()).isEqualTo("general");
        assertThat(names(saved.get("followUp"))).containsExactly("id", "leadId", "leadName", "leadNumber",
                "reminderNote", "followUpDate", "overdue", "priority", "noteId");
        assertThat(saved.get("followUp").get("reminderNote").asString()).isEqualTo("Send the Toronto brochure");
        assertThat(OffsetDateTime.parse(saved.get("lead").get("nextFollowUpDate").asString()).toInstant())
                .isEqualTo(followUp.toInstant());
        assertThat(saved.get("lead").get("statusId").asString()).isEqualTo(statusId(org, "contacted").toString());
        assertThat(nextFollowUp(org, lead).toInstant()).isEqualTo(followUp.toInstant());
        JsonNode history = api.get("/api/v1/stages/lead/" + lead + "/history", org.adminToken()).expect(200).data();
        assertThat(history.get(history.size() - 1).get("status").get("code").asString()).isEqualTo("contacted");
    }

    @Test
    void aStatusThePipelineRefusesSavesNothing() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        UUID before = statusOf(org, lead);
        var refused = api.post("/api/v1/lead/saveNote", counselor.token(), Map.of("lead_id", lead.toString(),
                "content", "Enrolled!", "status_id", statusId(org, "enrolled").toString())).expect(422);
        assertThat(refused.body().get("status").asBoolean()).isFalse();
        assertThat(refused.errorField()).isEqualTo("status_id");
        assertThat(statusOf(org, lead)).isEqualTo(before);
        assertThat(api.get("/api/v1/leads/" + lead + "/notes", org.adminToken()).expect(200).data()).isEmpty();
    }

    @Test
    void savingANoteIsValidatedAndScoped() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID notTheirs = lead(org, org.adminId());
        assertThat(api.post("/api/v1/lead/saveNote", agent.token(), Map.of("lead_id", notTheirs.toString()))
                .expect(422).errorField()).isEqualTo("content");
        assertThat(api.post("/api/v1/lead/saveNote", agent.token(), Map.of("content", "x")).expect(422)
                .errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/lead/saveNote", agent.token(), Map.of("lead_id", notTheirs.toString(),
                "content", "x", "reminder_note", "call")).expect(422).errorField()).isEqualTo("follow_up_date");
        api.post("/api/v1/lead/saveNote", agent.token(), Map.of("lead_id", notTheirs.toString(), "content", "x"))
                .expect(404);
        api.post("/api/v1/lead/saveNote", registerOrganization().adminToken(),
                Map.of("lead_id", notTheirs.toString(), "content", "x")).expect(404);
        api.raw("POST", "/api/v1/lead/saveNote", agent.token(), "application/json",
                "{\"lead_id\": \"x\", \"content\": \"x\"}").expect(400);
        api.raw("POST", "/api/v1/lead/saveNote", agent.token(), "application/json", "{\"lead_id\": ").expect(400);
        api.raw("POST", "/api/v1/lead/saveNote", agent.token(), "application/json",
                "{\"lead_id\": \"" + notTheirs + "\", \"content\": \"x\", \"follow_up_date\": \"tomorrow\"}").expect(400);
        assertThat(api.get("/api/v1/leads/" + notTheirs + "/notes", org.adminToken()).expect(200).data()).isEmpty();
    }

    @Test
    void aNoteOnACallIsTheCallsNote() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        tenancy.runAs(org.id(), () -> db.update(LEADS).set(LEADS.PHONE, "+919876543210")
                .where(LEADS.ORGANIZATION_ID.eq(org.id()), LEADS.ID.eq(lead)).execute());
        String callId = api.post("/api/v1/callLog/sync", counselor.token(), Map.of("callLogs", List.of(Map.of(
                "deviceCallId", "c1", "phoneNumber", "9876543210", "callType", "outgoing", "duration", 40,
                "timestamp", 1_709_288_130_000L)))).expect(200).data().get("results").get(0).get("callLogId")
                .asString();

        JsonNode first = api.post("/api/v1/lead/saveNote", counselor.token(), Map.of("lead_id", lead.toString(),
                "content", "Asked about fees", "call_log_id", callId)).expect(200).data().get("note");
        assertThat(first.get("callLogId").asString()).isEqualTo(callId);
        assertThat(first.get("noteType").asString()).isEqualTo("call");
        JsonNode second = api.post("/api/v1/lead/saveNote", counselor.token(), Map.of("leadId", lead.toString(),
                "content", "Asked about fees and visas", "callLogId", callId)).expect(200).data().get("note");
        assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(api.get("/api/v1/leads/" + lead + "/notes", org.adminToken()).expect(200).data()).hasSize(1);
        assertThat(api.post("/api/v1/callLog/getDetails", counselor.token(), Map.of("callLogId", callId))
                .expect(200).data().get("notes").asString()).isEqualTo("Asked about fees and visas");
        assertThat(api.post("/api/v1/lead/saveNote", counselor.token(), Map.of("lead_id", lead.toString(),
                "content", "x", "call_log_id", UUID.randomUUID().toString())).expect(422).errorField())
                .isEqualTo("call_log_id");
    }

    @Test
    void aLeadsNotesAndTheCallersRecentNotes() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");
        UUID lead = lead(org, counselor.id());
        UUID otherLead = lead(org, counselor.id());
        for (int i = 1; i <= 3; i++) {
            api.post("/api/v1/lead/saveNote", counselor.token(), Map.of("lead_id", lead.toString(),
                    "content", "note " + i)).expect(200);
        }
        api.post("/api/v1/lead/saveNote", counselor.token(), Map.of("lead_id", otherLead.toString(),
                "content", "other")).expect(200);

        JsonNode page = api.post("/api/v1/lead/note", counselor.token(),
                Map.of("leadId", lead.toString(), "pageNo", 1, "pageSize", 2)).expect(200).data();
        assertThat(names(page)).containsExactly("notes", "totalCount", "pageNo", "pageSize", "hasMore");
        assertThat(page.get("totalCount").asLong()).isEqualTo(3);
        assertThat(page.get("notes").get(0).get("content").asString()).isEqualTo("note 3");
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        JsonNode recent = api.post("/api/v1/lead/recent/notes", counselor.token(), Map.of()).expect(200).data();
        assertThat(recent.get("totalCount").asLong()).isEqualTo(4);
        assertThat(recent.get("notes").get(0).get("content").asString()).isEqualTo("other");
        assertThat(api.post("/api/v1/lead/recent/notes", agent.token(), Map.of()).expect(200).data()
                .get("totalCount").asLong()).isZero();

        api.post("/api/v1/lead/note", agent.token(), Map.of("leadId", lead.toString())).expect(404);
        api.post("/api/v1/lead/note", registerOrganization().adminToken(), Map.of("leadId", lead.toString()))
                .expect(404);
        assertThat(api.post("/api/v1/lead/note", counselor.token(), Map.of()).expect(422).errorField())
                .isEqualTo("leadId");
        assertThat(api.post("/api/v1/lead/recent/notes", counselor.token(), Map.of("pageSize", 0)).expect(422)
                .errorField()).isEqualTo("pageSize");
        api.raw("POST", "/api/v1/lead/note", counselor.token(), "application/json", "{\"leadId\": 1}").expect(400);
        api.raw("POST", "/api/v1/lead/recent/notes", counselor.token(), "application/json", "{\"pageNo\": \"a\"}")
                .expect(400);
    }

    @Test
    void theCallersDueCallbacks() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser colleague = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (OffsetDateTime due : List.of(now.minusDays(1), now.plusMinutes(1), now.plusDays(3))) {
            api.post("/api/v1/lead/saveNote", counselor.token(), Map.of("lead_id", lead.toString(), "content", "n",
                    "follow_up_date", due.toString())).expect(200);
        }
        api.post("/api/v1/lead/saveNote", colleague.token(), Map.of("lead_id", lead(org, colleague.id()).toString(),
                "content", "n", "follow_up_date", now.minusHours(1).toString())).expect(200);

        JsonNode due = api.post("/api/v1/lead/callBack/totalDue", counselor.token(), Map.of()).expect(200).data();
        assertThat(names(due)).containsExactly("totalDue", "overdue", "callbacks");
        assertThat(due.get("overdue").asLong()).isEqualTo(1);
        // due by the end of today in the organization's time zone: the overdue one, and the one in a minute
        // unless today ends within that minute
        assertThat(due.get("totalDue").asLong()).isBetween(1L, 2L);
        assertThat(due.get("callbacks").get(0).get("overdue").asBoolean()).isTrue();
        assertThat(due.get("callbacks").get(0).get("leadName").asString()).isEqualTo("Lena Lead");
        assertThat(due.get("callbacks").get(0).get("reminderNote").asString()).isEqualTo("Call back Lena Lead");
        assertThat(api.post("/api/v1/lead/callBack/totalDue", registerOrganization().adminToken(), Map.of())
                .expect(200).data().get("totalDue").asLong()).isZero();
        assertThat(api.post("/api/v1/lead/callBack/totalDue", counselor.token(), Map.of("pageSize", 999))
                .expect(422).errorField()).isEqualTo("pageSize");
    }

    @Test
    void eachRouteNeedsItsPermission() {
        Org org = registerOrganization();
        TestUser none = userWithPermissions(org, "calls:read");
        TestUser reader = userWithPermissions(org, "leads:read");
        UUID lead = lead(org, reader.id());
        api.post("/api/v1/lead/saveNote", reader.token(), Map.of("lead_id", lead.toString(), "content", "x"))
                .expect(403);
        api.post("/api/v1/lead/note", none.token(), Map.of("leadId", lead.toString())).expect(403);
        api.post("/api/v1/lead/recent/notes", none.token(), Map.of()).expect(403);
        var refused = api.post("/api/v1/lead/callBack/totalDue", none.token(), Map.of()).expect(403);
        assertThat(refused.body().get("status").asBoolean()).isFalse();
        api.post("/api/v1/lead/note", reader.token(), Map.of("leadId", lead.toString())).expect(200);
    }
}
