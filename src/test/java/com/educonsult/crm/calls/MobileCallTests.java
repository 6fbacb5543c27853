package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MobileCallTests extends CallApiTest {

    private static final long T0 = 1_709_288_130_000L;

    private static Map<String, Object> appCall(String deviceCallId, String phone, String type, int duration, Object timestamp) {
        Map<String, Object> call = new HashMap<>();
        call.put("deviceCallId", deviceCallId);
        call.put("phoneNumber", phone);
        call.put("callType", type);
        call.put("duration", duration);
        call.put("timestamp", timestamp);
        call.put("simSlot", 2);
        return call;
    }

    private JsonNode appSync(String token, List<Map<String, Object>> calls) {
        JsonNode body = api.post("/api/v1/callLog/sync", token, Map.of("callLogs", calls)).expect(200).body();
        assertThat(body.get("status").asBoolean()).isTrue();
        return body.get("data");
    }

    private static String callId(JsonNode synced, int index) {
        return synced.get("results").get(index).get("callLogId").asString();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void theAppsSyncAndTheCanonicalSyncStoreACallOnce() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        api.post("/api/v1/calls/exclusions", org.adminToken(), Map.of("phone", "+919811111111")).expect(201);

        JsonNode first = appSync(counselor.token(), List.of(
                appCall("m1", "098765 43210", "outgoing", 42, T0),
                appCall("m2", "+919811111111", "incoming", 5, T0),
                appCall("m3", "9876543210", "video", 5, T0)));

        assertThat(names(first)).containsExactly("synced", "total", "created", "duplicates", "skippedExcluded",
                "invalid", "results");
        assertThat(first.get("synced").asInt()).isEqualTo(1);
        assertThat(first.get("skippedExcluded").asInt()).isEqualTo(1);
        JsonNode created = first.get("results").get(0);
        assertThat(names(created)).containsExactly("index", "deviceCallId", "result", "callLogId", "leadId", "reason");
        assertThat(created.get("result").asString()).isEqualTo("created");
        assertThat(created.get("leadId").asString()).isEqualTo(lead.toString());
        assertThat(first.get("results").get(1).get("result").asString()).isEqualTo("skipped_excluded");
        assertThat(first.get("results").get(2).get("result").asString()).isEqualTo("invalid");
        assertThat(first.get("results").get(2).get("reason").asString()).startsWith("callType must be one of");

        JsonNode canonical = sync(counselor.token(), List.of(call("m1", "+919876543210", "outgoing", 42, T0)));
        assertThat(results(canonical)).containsExactly("duplicate");
        assertThat(canonical.get("results").get(0).get("call_id").asString()).isEqualTo(callId(first, 0));
        JsonNode again = appSync(counselor.token(), List.of(appCall("m1", "9876543210", "outgoing", 42, T0)));
        assertThat(again.get("results").get(0).get("result").asString()).isEqualTo("duplicate");
        assertThat(again.get("synced").asInt()).isEqualTo(1);
        assertThat(storedCalls(org)).isEqualTo(1);
        assertThat(leadRow(org, lead).get("total_calls")).isEqualTo(1);
    }

    @Test
    void aBatchOf501CallsIsRefusedNamingTheField() {
        Org org = registerOrganization();
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            calls.add(appCall("b" + i, "9876543210", "missed", 0, T0 + i));
        }
        var response = api.post("/api/v1/callLog/sync", org.adminToken(), Map.of("callLogs", calls)).expect(422);
        assertThat(response.body().get("status").asBoolean()).isFalse();
        assertThat(response.errorField()).isEqualTo("callLogs");
        assertThat(api.post("/api/v1/callLog/sync", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("callLogs");
        assertThat(storedCalls(org)).isZero();
    }

    @Test
    void wrongTypesAndMalformedJsonAre400() {
        Org org = registerOrganization();
        String token = org.adminToken();
        api.raw("POST", "/api/v1/callLog/sync", token, "application/json", "{\"callLogs\": [").expect(400);
        api.raw("POST", "/api/v1/callLog/sync", token, "application/json",
                "{\"callLogs\": [{\"deviceCallId\": \"a\", \"duration\": \"long\"}]}").expect(400);
        api.raw("POST", "/api/v1/callLog/getDetails", token, "application/json", "{\"callLogId\": \"abc\"}")
                .expect(400);
        api.raw("POST", "/api/v1/callLog/sync/note", token, "application/json", "{\"notes\": \"x\"}").expect(400);
        api.raw("POST", "/api/v1/callLog/getByNotesUpdatedAtWeb", token, "application/json", "{\"since\": \"soon\"}")
                .expect(400);
        api.raw("POST", "/api/v1/lead/callLogs/getActive", token, "application/json", "{\"leadId\": 5}").expect(400);
        api.raw("POST", "/api/v1/lead/callLogs/getSummary", token, "application/json", "{\"leadId\": []}")
                .expect(400);
        api.raw("POST", "/api/v1/employee/get/callLogs", token, "application/json", "{\"fromDate\": \"x\"}")
                .expect(400);
    }

    @Test
    void detailsOfOneCallInTheCallersScope() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        String id = callId(appSync(counselor.token(), List.of(appCall("d1", "9876543210", "incoming", 30, T0))), 0);

        JsonNode body = api.post("/api/v1/callLog/getDetails", counselor.token(), Map.of("callLogId", id))
                .expect(200).body();
        assertThat(body.get("status").asBoolean()).isTrue();
        JsonNode call = body.get("data");
        assertThat(names(call)).containsExactly("id", "userId", "leadId", "deviceCallId", "phoneNumber", "phoneE164",
                "callType", "duration", "callAt", "simSlot", "deviceInfo", "notes", "notesUpdatedAt", "createdDate");
        assertThat(call.get("leadId").asString()).isEqualTo(lead.toString());
        assertThat(call.get("userId").asString()).isEqualTo(counselor.id().toString());
        assertThat(call.get("phoneE164").asString()).isEqualTo("+919876543210");
        assertThat(call.get("duration").asInt()).isEqualTo(30);
        assertThat(call.get("simSlot").asInt()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(call.get("callAt").asString()).toInstant().toEpochMilli()).isEqualTo(T0);
        api.post("/api/v1/callLog/getDetails", org.adminToken(), Map.of("callLogId", id)).expect(200);

        var missing = api.post("/api/v1/callLog/getDetails", counselor.token(),
                Map.of("callLogId", UUID.randomUUID().toString())).expect(404);
        assertThat(missing.body().get("status").asBoolean()).isFalse();
        api.post("/api/v1/callLog/getDetails", agent.token(), Map.of("callLogId", id)).expect(404);
        api.post("/api/v1/callLog/getDetails", registerOrganization().adminToken(), Map.of("callLogId", id))
                .expect(404);
        assertThat(api.post("/api/v1/callLog/getDetails", counselor.token(), Map.of()).expect(422).errorField())
                .isEqualTo("callLogId");
    }

    @Test
    void aNoteTakenOnTheAppIsStoredOnTheCallAndOnceOnTheLead() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        String id = callId(appSync(counselor.token(), List.of(appCall("n1", "9876543210", "outgoing", 90, T0))), 0);
        String othersCall = callId(appSync(other.token(), List.of(appCall("n2", "9876543210", "incoming", 9, T0))), 0);
        List<Map<String, Object>> notes = new ArrayList<>();
        notes.add(Map.of("callLogId", id, "content", "Wants MS in Germany, call after exams"));
        notes.add(Map.of("callLogId", UUID.randomUUID().toString(), "content", "lost"));
        notes.add(Map.of("callLogId", othersCall, "content", "not mine"));
        notes.add(Map.of("callLogId", id, "content", " "));

        JsonNode synced = api.post("/api/v1/callLog/sync/note", counselor.token(), Map.of("notes", notes))
                .expect(200).data();
        assertThat(names(synced)).containsExactly("synced", "total", "results");
        assertThat(names(synced.get("results").get(0))).containsExactly("index", "callLogId", "result", "reason");
        List<String> results = new ArrayList<>();
        synced.get("results").forEach(r -> results.add(r.get("result").asString()));
        assertThat(results).containsExactly("saved", "not_found", "not_found", "invalid");
        assertThat(synced.get("results").get(3).get("reason").asString()).isEqualTo("content is required");
        JsonNode again = api.post("/api/v1/callLog/sync/note", counselor.token(),
                Map.of("notes", List.of(notes.get(0)))).expect(200).data();
        assertThat(again.get("results").get(0).get("result").asString()).isEqualTo("unchanged");
        api.post("/api/v1/callLog/sync/note", counselor.token(), Map.of("notes", List.of(
                Map.of("callLogId", id, "content", "Wants MS in Germany; call on Monday")))).expect(200);

        JsonNode call = api.post("/api/v1/callLog/getDetails", counselor.token(), Map.of("callLogId", id))
                .expect(200).data();
        assertThat(call.get("notes").asString()).isEqualTo("Wants MS in Germany; call on Monday");
        assertThat(call.get("notesUpdatedAt").isNull()).isFalse();
        JsonNode leadNotes = api.get("/api/v1/leads/" + lead + "/notes", org.adminToken()).expect(200).data();
        assertThat(leadNotes).hasSize(1);
        assertThat(leadNotes.get(0).get("type").asString()).isEqualTo("call");
        assertThat(leadNotes.get(0).get("call_id").asString()).isEqualTo(id);
        assertThat(leadNotes.get(0).get("author_id").asString()).isEqualTo(counselor.id().toString());
        assertThat(leadNotes.get(0).get("content").asString()).isEqualTo("Wants MS in Germany; call on Monday");
        JsonNode timeline = api.get("/api/v1/leads/" + lead + "/timeline", org.adminToken()).expect(200).data();
        List<String> kinds = new ArrayList<>();
        timeline.forEach(item -> kinds.add(item.get("kind").asString()));
        assertThat(kinds).contains("note");

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("callLogId", id, "content", "n" + i));
        }
        assertThat(api.post("/api/v1/callLog/sync/note", counselor.token(), Map.of("notes", tooMany)).expect(422)
                .errorField()).isEqualTo("notes");
    }

    @Test
    void notesChangedOnTheWebReachTheCallersPhone() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        JsonNode synced = appSync(counselor.token(), List.of(appCall("w1", "9876543210", "outgoing", 90, T0),
                appCall("w2", "9876543210", "outgoing", 10, T0 + 1000)));
        String id = callId(synced, 0);
        String since = OffsetDateTime.now().minusMinutes(1).toString();
        api.post("/api/v1/callLog/sync/note", counselor.token(), Map.of("notes", List.of(
                Map.of("callLogId", callId(synced, 1), "content", "from the phone")))).expect(200);

        api.patch("/api/v1/calls/" + id + "/notes", agent.token(), Map.of("notes", "x")).expect(404);
        assertThat(api.patch("/api/v1/calls/" + id + "/notes", org.adminToken(), Map.of("notes", " ")).expect(422)
                .errorField()).isEqualTo("notes");
        api.patch("/api/v1/calls/" + id + "/notes", org.adminToken(), Map.of("notes", "Corrected by the manager"))
                .expect(200);

        JsonNode changed = api.post("/api/v1/callLog/getByNotesUpdatedAtWeb", counselor.token(),
                Map.of("since", since)).expect(200).data();
        assertThat(names(changed)).containsExactly("callLogs", "serverTime");
        assertThat(changed.get("callLogs")).hasSize(1);
        assertThat(changed.get("callLogs").get(0).get("id").asString()).isEqualTo(id);
        assertThat(changed.get("callLogs").get(0).get("notes").asString()).isEqualTo("Corrected by the manager");
        assertThat(api.post("/api/v1/callLog/getByNotesUpdatedAtWeb", counselor.token(),
                Map.of("since", changed.get("serverTime").asString())).expect(200).data().get("callLogs")).isEmpty();
        assertThat(api.post("/api/v1/callLog/getByNotesUpdatedAtWeb", agent.token(), Map.of("since", since))
                .expect(200).data().get("callLogs")).isEmpty();
        assertThat(api.post("/api/v1/callLog/getByNotesUpdatedAtWeb", counselor.token(), Map.of()).expect(422)
                .errorField()).isEqualTo("since");
        JsonNode leadNotes = api.get("/api/v1/leads/" + lead + "/notes", org.adminToken()).expect(200).data();
        List<String> contents = new ArrayList<>();
        leadNotes.forEach(n -> contents.add(n.get("content").asString()));
        assertThat(contents).containsExactlyInAnyOrder("Corrected by the manager", "from the phone");
    }

    @Test
    void editingTheLeadsNoteForACallOnTheWebChangesTheCallsNoteToo() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        String id = callId(appSync(counselor.token(), List.of(appCall("n1", "9876543210", "outgoing", 90, T0))), 0);
        api.post("/api/v1/callLog/sync/note", counselor.token(), Map.of("notes", List.of(
                Map.of("callLogId", id, "content", "from the phone")))).expect(200);
        String since = OffsetDateTime.now().minusSeconds(1).toString();
        String noteId = api.get("/api/v1/leads/" + lead + "/notes", org.adminToken()).expect(200).data().get(0)
                .get("id").asString();

        api.patch("/api/v1/notes/" + noteId, org.adminToken(), Map.of("content", "Edited in the console"))
                .expect(200);

        JsonNode changed = api.post("/api/v1/callLog/getByNotesUpdatedAtWeb", counselor.token(),
                Map.of("since", since)).expect(200).data().get("callLogs");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("notes").asString()).isEqualTo("Edited in the console");
        JsonNode notes = api.get("/api/v1/leads/" + lead + "/notes", org.adminToken()).expect(200).data();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("content").asString()).isEqualTo("Edited in the console");
        // another field of the note leaves the call alone
        String after = changed.get(0).get("notesUpdatedAt").asString();
        api.patch("/api/v1/notes/" + noteId, org.adminToken(), Map.of("priority", "high")).expect(200);
        assertThat(api.post("/api/v1/callLog/getByNotesUpdatedAtWeb", counselor.token(),
                Map.of("since", OffsetDateTime.parse(after).plusNanos(1000).toString())).expect(200).data()
                .get("callLogs")).isEmpty();
    }

    @Test
    void aLeadsCallHistoryAndTotals() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        appSync(counselor.token(), List.of(appCall("h1", "9876543210", "outgoing", 60, T0),
                appCall("h2", "9876543210", "missed", 0, T0 + 60_000),
                appCall("h3", "9876543210", "outgoing", 0, T0 + 120_000),
                appCall("h4", "9876543210", "incoming", 30, T0 + 180_000)));

        JsonNode page = api.post("/api/v1/lead/callLogs/getActive", org.adminToken(),
                Map.of("leadId", lead.toString(), "pageNo", 1, "pageSize", 3)).expect(200).data();
        assertThat(names(page)).containsExactly("callLogs", "totalCount", "pageNo", "pageSize", "hasMore");
        assertThat(page.get("callLogs")).hasSize(3);
        assertThat(page.get("callLogs").get(0).get("deviceCallId").asString()).isEqualTo("h4");
        assertThat(page.get("totalCount").asLong()).isEqualTo(4);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        JsonNode second = api.post("/api/v1/lead/callLogs/getActive", org.adminToken(),
                Map.of("leadId", lead.toString(), "pageNo", 2, "pageSize", 3)).expect(200).data();
        assertThat(second.get("callLogs")).hasSize(1);
        assertThat(second.get("hasMore").asBoolean()).isFalse();

        JsonNode summary = api.post("/api/v1/lead/callLogs/getSummary", org.adminToken(),
                Map.of("leadId", lead.toString())).expect(200).data();
        assertThat(names(summary)).containsExactly("leadId", "totalCalls", "incoming", "outgoing", "missed",
                "rejected", "connected", "totalAttempts", "totalDuration", "firstCallDate", "lastCallDate");
        assertThat(summary.get("totalCalls").asInt()).isEqualTo(4);
        assertThat(summary.get("outgoing").asInt()).isEqualTo(2);
        assertThat(summary.get("connected").asInt()).isEqualTo(2);
        assertThat(summary.get("totalAttempts").asInt()).isEqualTo(2);
        assertThat(summary.get("totalDuration").asLong()).isEqualTo(90);
        assertThat(OffsetDateTime.parse(summary.get("lastCallDate").asString()).toInstant().toEpochMilli())
                .isEqualTo(T0 + 180_000);

        // the lead is nobody's: an agent does not see it, nor does another organization
        for (String path : List.of("/api/v1/lead/callLogs/getActive", "/api/v1/lead/callLogs/getSummary")) {
            api.post(path, agent.token(), Map.of("leadId", lead.toString())).expect(404);
            api.post(path, registerOrganization().adminToken(), Map.of("leadId", lead.toString())).expect(404);
            assertThat(api.post(path, org.adminToken(), Map.of()).expect(422).errorField()).isEqualTo("leadId");
        }
        assertThat(api.post("/api/v1/lead/callLogs/getActive", org.adminToken(),
                Map.of("leadId", lead.toString(), "pageSize", 500)).expect(422).errorField()).isEqualTo("pageSize");
    }

    @Test
    void aUsersCallsByDaysAndAManagersTeam() {
        Org org = registerOrganization();
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(),
                Map.of("name", "Pune " + UUID.randomUUID(), "code", "P" + (System.nanoTime() % 10000)))
                .expect(201).data().get("id").asString());
        TestUser manager = userWithRole(org, "manager", branch);
        TestUser counselor = userWithRole(org, "counselor", branch);
        TestUser elsewhere = userWithRole(org, "counselor");
        appSync(counselor.token(), List.of(appCall("e1", "9876543210", "outgoing", 60, "2024-03-01T10:00:00Z"),
                appCall("e2", "9876543210", "missed", 0, "2024-03-02T10:00:00Z"),
                appCall("e3", "9876543210", "incoming", 10, "2024-03-05T10:00:00Z")));
        appSync(elsewhere.token(), List.of(appCall("x1", "9876543210", "outgoing", 60, "2024-03-01T10:00:00Z")));

        JsonNode own = api.post("/api/v1/employee/get/callLogs", counselor.token(),
                Map.of("fromDate", "2024-03-01", "toDate", "2024-03-02")).expect(200).data();
        assertThat(own.get("totalCount").asLong()).isEqualTo(2);
        assertThat(own.get("callLogs").get(0).get("deviceCallId").asString()).isEqualTo("e2");
        JsonNode team = api.post("/api/v1/employee/get/callLogs", manager.token(),
                Map.of("userId", counselor.id().toString(), "callType", "incoming")).expect(200).data();
        assertThat(team.get("totalCount").asLong()).isEqualTo(1);
        assertThat(api.post("/api/v1/employee/get/callLogs", manager.token(),
                Map.of("userId", elsewhere.id().toString())).expect(200).data().get("callLogs")).isEmpty();
        assertThat(api.post("/api/v1/employee/get/callLogs", counselor.token(),
                Map.of("userId", elsewhere.id().toString())).expect(200).data().get("callLogs")).isEmpty();
        assertThat(api.post("/api/v1/employee/get/callLogs", registerOrganization().adminToken(),
                Map.of("userId", counselor.id().toString())).expect(200).data().get("callLogs")).isEmpty();
        assertThat(api.post("/api/v1/employee/get/callLogs", counselor.token(),
                Map.of("fromDate", "2024-03-05", "toDate", "2024-03-01")).expect(422).errorField()).isEqualTo("toDate");
        assertThat(api.post("/api/v1/employee/get/callLogs", counselor.token(), Map.of("callType", "video"))
                .expect(422).errorField()).isEqualTo("callType");
    }

    @Test
    void theOrganizationsExcludeList() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        api.post("/api/v1/calls/exclusions", org.adminToken(), Map.of("phone", "098765 43210", "reason", "family"))
                .expect(201);
        JsonNode list = api.post("/api/v1/employee/customer/excludeList", agent.token(), Map.of()).expect(200).data();
        assertThat(list).hasSize(1);
        assertThat(names(list.get(0))).containsExactly("number", "reason", "createdDate");
        assertThat(list.get(0).get("number").asString()).isEqualTo("+919876543210");
        assertThat(api.post("/api/v1/employee/customer/excludeList", registerOrganization().adminToken(), Map.of())
                .expect(200).data()).isEmpty();
    }

    @Test
    void eachRouteNeedsItsPermission() {
        Org org = registerOrganization();
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "reader", "name", "Reader",
                "data_scope", "all", "permissions", List.of("leads:read"))).expect(201);
        TestUser reader = userWithRole(org, "reader");
        String id = UUID.randomUUID().toString();
        Map<String, Object> routes = new java.util.LinkedHashMap<>();
        routes.put("/api/v1/callLog/sync", Map.of("callLogs", List.of(appCall("p1", "9876543210", "missed", 0, T0))));
        routes.put("/api/v1/callLog/getDetails", Map.of("callLogId", id));
        routes.put("/api/v1/callLog/sync/note", Map.of("notes", List.of(Map.of("callLogId", id, "content", "x"))));
        routes.put("/api/v1/callLog/getByNotesUpdatedAtWeb", Map.of("since", "2024-03-01T00:00:00Z"));
        routes.put("/api/v1/lead/callLogs/getActive", Map.of("leadId", id));
        routes.put("/api/v1/lead/callLogs/getSummary", Map.of("leadId", id));
        routes.put("/api/v1/employee/get/callLogs", Map.of());
        routes.put("/api/v1/employee/customer/excludeList", Map.of());
        routes.forEach((path, body) -> {
            var response = api.post(path, reader.token(), body).expect(403);
            assertThat(response.body().get("status").asBoolean()).as(path).isFalse();
        });
        assertThat(storedCalls(org)).isZero();
    }
}
