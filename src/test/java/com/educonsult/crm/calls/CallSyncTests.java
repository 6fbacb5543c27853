package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallSyncTests extends CallApiTest {

    private static final long T0 = 1_709_288_130_000L;

    @Test
    void syncingTheSameBatchTwiceStoresEachCallOnce() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        List<Map<String, Object>> batch = List.of(
                call("c1", "9876543210", "outgoing", 60, T0),
                call("c2", "9876543210", "missed", 0, T0 + 60_000),
                call("c3", "+14155550123", "incoming", 10, T0 + 120_000));

        JsonNode first = sync(counselor.token(), batch);
        assertThat(results(first)).containsExactly("created", "created", "created");
        assertThat(first.get("created").asInt()).isEqualTo(3);
        assertThat(first.get("results").get(0).get("lead_id").asString()).isEqualTo(lead.toString());
        JsonNode second = sync(counselor.token(), batch);
        assertThat(results(second)).containsExactly("duplicate", "duplicate", "duplicate");
        assertThat(second.get("results").get(0).get("call_id").asString())
                .isEqualTo(first.get("results").get(0).get("call_id").asString());

        assertThat(storedCalls(org)).isEqualTo(3);
        Map<String, Object> row = leadRow(org, lead);
        assertThat(row.get("total_calls")).isEqualTo(2);
        assertThat(row.get("total_attempts")).isEqualTo(1);
        assertThat(row.get("last_call_duration")).isEqualTo(0);
        assertThat(((OffsetDateTime) row.get("last_call_at")).toInstant()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
        assertThat(((OffsetDateTime) row.get("last_contact_date")).toInstant()).isEqualTo(Instant.ofEpochMilli(T0));
    }

    @Test
    void twoOverlappingBatchesAtOnceStoreEachCallOnce() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        List<Map<String, Object>> a = new ArrayList<>();
        List<Map<String, Object>> b = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            a.add(call("d" + i, "9876543210", "outgoing", 5, T0 + i * 1000L));
        }
        for (int i = 30; i < 90; i++) {
            b.add(call("d" + i, "9876543210", "outgoing", 5, T0 + i * 1000L));
        }
        List<JsonNode> synced = concurrently(List.of(() -> sync(counselor.token(), a), () -> sync(counselor.token(), b)));

        assertThat(synced.get(0).get("created").asInt() + synced.get(1).get("created").asInt()).isEqualTo(90);
        assertThat(synced.get(0).get("duplicates").asInt() + synced.get(1).get("duplicates").asInt()).isEqualTo(30);
        assertThat(storedCalls(org)).isEqualTo(90);
        assertThat(leadRow(org, lead).get("total_calls")).isEqualTo(90);
    }

    @Test
    void leadStatisticsStayExactUnderConcurrentSyncsFromSeveralDevices() throws Exception {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        List<Callable<JsonNode>> devices = new ArrayList<>();
        for (int device = 0; device < 4; device++) {
            TestUser user = userWithRole(org, "counselor");
            List<Map<String, Object>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String type = switch (i % 4) {
                    case 0 -> "incoming";
                    case 1 -> "missed";
                    case 2 -> "rejected";
                    default -> "outgoing";
                };
                calls.add(call("dev" + device + "-" + i, i % 2 == 0 ? "+91 98765 43210" : "09876543210", type,
                        i % 8 == 7 ? 0 : (type.equals("incoming") || type.equals("outgoing") ? 30 : 0),
                        T0 + (device * 40L + i) * 1000L));
            }
            // each device sends its batch twice, so re-sent calls race with the first send
            devices.add(() -> sync(user.token(), calls));
            devices.add(() -> sync(user.token(), calls));
        }
        concurrently(devices);

        // the last connected call is device 3, i = 36 (incoming); per device: 10 incoming, 10 missed, 10 rejected, 10 outgoing of which 5 unanswered (i % 8 == 7)
        Map<String, Object> row = leadRow(org, lead);
        assertThat(storedCalls(org)).isEqualTo(160);
        assertThat(row.get("total_calls")).isEqualTo(160);
        assertThat(row.get("total_attempts")).isEqualTo(4 * 25);
        assertThat(((OffsetDateTime) row.get("last_call_at")).toInstant())
                .isEqualTo(Instant.ofEpochMilli(T0 + 159_000));
        assertThat(row.get("last_call_duration")).isEqualTo(0);
        assertThat(((OffsetDateTime) row.get("last_contact_date")).toInstant())
                .isEqualTo(Instant.ofEpochMilli(T0 + 156_000));
    }

    @Test
    void aCallFromAnyFormatOfTheNumberFindsTheLead() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        UUID bySecondary = UUID.fromString(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Aman",
                "phone", "+919811111111", "secondary_phone", "+919822222222", "allow_duplicate", true))
                .expect(201).data().get("id").asString());

        JsonNode synced = sync(counselor.token(), List.of(
                call("f1", "098765 43210", "incoming", 20, T0),
                call("f2", "0091-98222-22222", "outgoing", 20, "2024-03-01T10:15:30Z"),
                call("f3", "+44 20 7946 0958", "outgoing", 20, T0)));

        assertThat(synced.get("results").get(0).get("lead_id").asString()).isEqualTo(lead.toString());
        assertThat(synced.get("results").get(1).get("lead_id").asString()).isEqualTo(bySecondary.toString());
        assertThat(synced.get("results").get(2).get("lead_id").isNull()).isTrue();
        JsonNode stored = api.get("/api/v1/calls/" + synced.get("results").get(0).get("call_id").asString(),
                counselor.token()).expect(200).data();
        assertThat(stored.get("phone_number").asString()).isEqualTo("098765 43210");
        assertThat(stored.get("phone_e164").asString()).isEqualTo("+919876543210");
    }

    @Test
    void callsWithExcludedNumbersAreNotStored() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        api.post("/api/v1/calls/exclusions", org.adminToken(), Map.of("phone", "98765 43210", "reason", "family"))
                .expect(201);
        api.post("/api/v1/calls/exclusions", org.adminToken(), Map.of("phone", "+919876543210")).expect(409);
        api.post("/api/v1/calls/exclusions", org.adminToken(), Map.of("phone", "12")).expect(422);
        api.post("/api/v1/calls/exclusions", counselor.token(), Map.of("phone", "+919811111111")).expect(403);
        assertThat(api.get("/api/v1/calls/exclusions", counselor.token()).expect(200).data().get(0)
                .get("phone_e164").asString()).isEqualTo("+919876543210");

        JsonNode synced = sync(counselor.token(), List.of(call("x1", "09876543210", "incoming", 20, T0),
                call("x2", "9811111111", "incoming", 20, T0)));
        assertThat(results(synced)).containsExactly("skipped_excluded", "created");
        assertThat(storedCalls(org)).isEqualTo(1);
        assertThat(leadRow(org, lead).get("total_calls")).isEqualTo(0);

        api.delete("/api/v1/calls/exclusions/+919876543210", counselor.token()).expect(403);
        api.delete("/api/v1/calls/exclusions/09876543210", org.adminToken()).expect(200);
        api.delete("/api/v1/calls/exclusions/09876543210", org.adminToken()).expect(404);
        assertThat(results(sync(counselor.token(), List.of(call("x1", "09876543210", "incoming", 20, T0)))))
                .containsExactly("created");
    }

    @Test
    void aBatchOfMoreThan500CallsIsRefusedNamingTheField() {
        Org org = registerOrganization();
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            calls.add(call("b" + i, "9876543210", "missed", 0, T0));
        }
        var response = api.post("/api/v1/calls/sync", org.adminToken(), Map.of("call_logs", calls)).expect(422);
        assertThat(response.errorField()).isEqualTo("call_logs");
        assertThat(api.post("/api/v1/calls/sync", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("call_logs");
        assertThat(storedCalls(org)).isZero();
    }

    @Test
    void oneBadItemAmongGoodOnesIsReportedAndTheOthersAreStored() {
        Org org = registerOrganization();
        List<Map<String, Object>> calls = new ArrayList<>();
        calls.add(call("g1", "9876543210", "incoming", 10, T0));
        calls.add(call("g2", "12", "incoming", 10, T0));
        calls.add(call("g3", "9876543210", "voip", 10, T0));
        calls.add(call("g4", "9876543210", "incoming", -3, T0));
        calls.add(call(null, "9876543210", "incoming", 3, T0));
        calls.add(call("g6", "9876543210", "incoming", 3, "not a time"));
        calls.add(call("g1", "9876543210", "incoming", 10, T0));
        calls.add(call("g8", "9876543210", "rejected", 0, String.valueOf(T0)));

        JsonNode synced = sync(org.adminToken(), calls);
        assertThat(results(synced)).containsExactly("created", "invalid", "invalid", "invalid", "invalid", "invalid",
                "duplicate", "created");
        assertThat(synced.get("results").get(1).get("reason").asString()).contains("phone_number");
        assertThat(synced.get("results").get(2).get("reason").asString()).contains("call_type");
        assertThat(synced.get("results").get(3).get("reason").asString()).contains("duration");
        assertThat(synced.get("results").get(4).get("reason").asString()).contains("device_call_id");
        assertThat(synced.get("results").get(5).get("reason").asString()).contains("timestamp");
        assertThat(synced.get("invalid").asInt()).isEqualTo(5);
        assertThat(storedCalls(org)).isEqualTo(2);
    }

    @Test
    void theCallAppearsInTheLeadsTimeline() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        sync(counselor.token(), List.of(call("t1", "9876543210", "outgoing", 95, T0),
                call("t2", "9876543210", "missed", 0, T0 + 1000)));

        JsonNode timeline = api.get("/api/v1/leads/" + lead + "/timeline", org.adminToken()).expect(200).data();
        List<String> summaries = new ArrayList<>();
        timeline.forEach(item -> summaries.add(item.get("kind").asString() + ": " + item.get("summary").asString()));
        assertThat(summaries).contains("activity: Outgoing call", "activity: Missed call");
        JsonNode activity = api.get("/api/v1/activities/lead/" + lead + "?type=call", org.adminToken()).expect(200)
                .data();
        assertThat(activity).hasSize(2);
        JsonNode outgoing = activity.get(1);
        assertThat(outgoing.get("direction").asString()).isEqualTo("outbound");
        assertThat(outgoing.get("duration_seconds").asInt()).isEqualTo(95);
        assertThat(outgoing.get("status").asString()).isEqualTo("completed");
        // the missed call is later but did not reach the lead
        assertThat(((OffsetDateTime) leadRow(org, lead).get("last_contact_date")).toInstant())
                .isEqualTo(Instant.ofEpochMilli(T0));
    }

    @Test
    void syncedCallsMoveTheLeadsEngagementWithTheirStatistics() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID busy = createLead(org.adminToken(), "Busy", "+919876543210");
        UUID quiet = createLead(org.adminToken(), "Quiet", "+919876543211");
        long now = System.currentTimeMillis();
        long twoMonthsAgo = now - Duration.ofDays(60).toMillis();
        sync(counselor.token(), List.of(call("e1", "9876543210", "outgoing", 30, now - 3_000),
                call("e2", "9876543210", "incoming", 40, now - 2_000),
                call("e3", "9876543210", "missed", 0, now - 1_000),
                call("e4", "9876543211", "outgoing", 50, twoMonthsAgo)));

        Map<String, Object> busyRow = leadRow(org, busy);
        assertThat(busyRow.get("engagement")).isEqualTo("hot");
        assertThat(busyRow.get("total_calls")).isEqualTo(3);
        Map<String, Object> quietRow = leadRow(org, quiet);
        assertThat(quietRow.get("engagement")).isEqualTo("inactive");
        assertThat(quietRow.get("total_calls")).isEqualTo(1);
    }

    @Test
    void syncingNeedsThePermission() {
        Org org = registerOrganization();
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "reader", "name", "Reader",
                "data_scope", "all", "permissions", List.of("leads:read"))).expect(201);
        TestUser reader = userWithRole(org, "reader");
        api.post("/api/v1/calls/sync", reader.token(), Map.of("call_logs", List.of(call("p1", "9876543210",
                "missed", 0, T0)))).expect(403);
        api.get("/api/v1/calls", reader.token()).expect(403);
        assertThat(storedCalls(org)).isZero();
    }

    @Test
    void malformedJsonOrWrongTypesAre400() {
        Org org = registerOrganization();
        api.raw("POST", "/api/v1/calls/sync", org.adminToken(), "application/json", "{\"call_logs\": [").expect(400);
        api.raw("POST", "/api/v1/calls/sync", org.adminToken(), "application/json",
                "{\"call_logs\": [{\"device_call_id\": \"a\", \"duration\": \"long\"}]}").expect(400);
        api.raw("POST", "/api/v1/calls/sync", org.adminToken(), "application/json", "{\"call_logs\": \"x\"}")
                .expect(400);
        api.raw("POST", "/api/v1/calls/exclusions", org.adminToken(), "application/json", "{\"phone\": [1]}")
                .expect(400);
        assertThat(storedCalls(org)).isZero();
    }

    private static List<JsonNode> concurrently(List<Callable<JsonNode>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (Callable<JsonNode> task : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<JsonNode> results = new ArrayList<>();
            for (Future<JsonNode> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
