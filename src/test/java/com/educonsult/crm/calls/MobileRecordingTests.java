package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The app's recording routes: upload URL, upload, confirmation, streaming, space, reports. */
class MobileRecordingTests extends RecordingApiTest {

    @Test
    void aRecordingIsUploadedConfirmedAndStreamedBackWithRange() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), "Riya", "+919876543210");
        UUID callId = callOf(counselor.token(), "9876543210");
        byte[] audio = audio(4000);

        Response ticket = uploadUrl(counselor.token(), callId, audio.length).expect(200);
        assertThat(ticket.body().get("status").asBoolean()).isTrue();
        JsonNode data = ticket.data();
        assertThat(data.get("callLogId").asString()).isEqualTo(callId.toString());
        assertThat(data.get("method").asString()).isEqualTo("PUT");
        assertThat(data.get("headers").get("Content-Type").asString()).isEqualTo("audio/mp4");
        assertThat(data.get("maxBytes").asLong()).isEqualTo(4000);
        assertThat(data.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(OffsetDateTime.parse(data.get("expiresAt").asString()))
                .isBetween(OffsetDateTime.now().plusMinutes(14), OffsetDateTime.now().plusMinutes(16));
        assertThat(data.get("storageKey").asString()).startsWith(org.id() + "/recordings/").endsWith(".m4a");
        assertThat(put(data, audio)).isEqualTo(200);

        JsonNode confirmed = confirm(counselor.token(), data.get("recordingId").asString()).expect(200).data();
        assertThat(confirmed.get("status").asString()).isEqualTo("uploaded");
        assertThat(confirmed.get("fileSize").asLong()).isEqualTo(4000);
        assertThat(confirmed.get("duration").asInt()).isEqualTo(42);
        assertThat(confirmed.get("bitrate").asInt()).isEqualTo(64);
        assertThat(confirmed.get("format").asString()).isEqualTo("m4a");
        assertThat(OffsetDateTime.parse(confirmed.get("expiresAt").asString()))
                .isCloseTo(OffsetDateTime.now().plusDays(90), within(1, ChronoUnit.MINUTES));
        UUID recordingId = UUID.fromString(confirmed.get("id").asString());
        confirm(counselor.token(), recordingId).expect(200);

        JsonNode call = api.get("/api/v1/calls/" + callId, counselor.token()).expect(200).data();
        assertThat(call.get("recording_status").asString()).isEqualTo("uploaded");
        assertThat(call.get("recording_id").asString()).isEqualTo(recordingId.toString());

        HttpResponse<byte[]> whole = stream(org.adminToken(), recordingId, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(audio);
        HttpResponse<byte[]> part = stream(counselor.token(), recordingId, "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/4000");

        HttpResponse<String> redirect = api.send(api.builder("/api/v1/callRecording/" + recordingId + "/stream",
                org.adminToken()).GET()).http();
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/files/"));
        JsonNode asJson = api.send(api.builder("/api/v1/callRecording/" + recordingId + "/stream", org.adminToken())
                .header("Accept", "application/json").GET()).expect(200).data();
        assertThat(asJson.get("url").asString()).contains("/files/");
        assertThat(asJson.get("duration").asInt()).isEqualTo(42);
        assertThat(lead).isNotNull();
    }

    @Test
    void confirmingWhileAskingForANewUploadUrlOfTheSameCallTakesTurns() throws Exception {
        Org org = registerOrganization();
        byte[] audio = audio(300);
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 12; round++) {
                UUID callId = callOf(org.adminToken(), "98111111" + (10 + round));
                JsonNode ticket = uploadUrl(org.adminToken(), callId, audio.length).expect(200).data();
                assertThat(put(ticket, audio)).isEqualTo(200);
                String recordingId = ticket.get("recordingId").asString();

                var renewed = executor.submit(() -> uploadUrl(org.adminToken(), callId, audio.length).status());
                var confirmed = executor.submit(() -> confirm(org.adminToken(), recordingId).status());

                // one waits for the other, never a deadlock's 503: renewing first gives a fresh URL for the same
                // recording (then confirmed), confirming first makes the recording uploaded (then 409)
                assertThat(confirmed.get()).as("round %d", round).isEqualTo(200);
                assertThat(renewed.get()).as("round %d", round).isIn(200, 409);
            }
        }
    }

    @Test
    void aRecordingIsKeptForTheOrganizationsRetentionDays() throws Exception {
        Org org = registerOrganization();
        api.patch("/api/v1/organization", org.adminToken(), Map.of("recording_retention_days", 30)).expect(200);
        UUID callId = callOf(org.adminToken(), "9876543210");
        byte[] audio = audio(1000);
        JsonNode data = uploadUrl(org.adminToken(), callId, audio.length).expect(200).data();
        assertThat(put(data, audio)).isEqualTo(200);

        JsonNode confirmed = confirm(org.adminToken(), data.get("recordingId").asString()).expect(200).data();
        assertThat(OffsetDateTime.parse(confirmed.get("expiresAt").asString()))
                .isCloseTo(OffsetDateTime.now().plusDays(30), within(1, ChronoUnit.MINUTES));
        assertThat(space(org.adminToken()).get("retentionDays").asInt()).isEqualTo(30);
    }

    @Test
    void askingAgainWhilePendingGivesAFreshUrlForTheSameRecording() throws Exception {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111111");
        JsonNode first = uploadUrl(org.adminToken(), callId, 1000).expect(200).data();
        JsonNode second = uploadUrl(org.adminToken(), callId, 2000).expect(200).data();

        assertThat(second.get("recordingId")).isEqualTo(first.get("recordingId"));
        assertThat(second.get("maxBytes").asLong()).isEqualTo(2000);
        assertThat(space(org.adminToken()).get("usedBytes").asLong()).isEqualTo(2000);

        assertThat(put(second, audio(2000))).isEqualTo(200);
        confirm(org.adminToken(), second.get("recordingId").asString()).expect(200);
        assertThat(uploadUrl(org.adminToken(), callId, 1000).expect(409).errorField()).isEqualTo("callLogId");
    }

    @Test
    void onlyTheCallersOwnCallsTakeRecordings() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID othersCall = callOf(org.adminToken(), "9811111111");
        Org other = registerOrganization();
        UUID otherOrgsCall = callOf(other.adminToken(), "9811111111");

        Response refused = uploadUrl(counselor.token(), othersCall, 1000).expect(404);
        assertThat(refused.body().get("status").asBoolean()).isFalse();
        uploadUrl(org.adminToken(), otherOrgsCall, 1000).expect(404);
        uploadUrl(org.adminToken(), UUID.randomUUID(), 1000).expect(404);
    }

    @Test
    void uploadsBeyondTheQuotaOrTheFileLimitAreRefused() {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111111");
        UUID earlier = callOf(org.adminToken(), "9822222222");
        long quota = 10L * 1024 * 1024 * 1024;
        tenancy.runAs(org.id(), () -> db.execute("insert into call_recordings (organization_id, call_log_id, "
                + "user_id, status, storage_key, content_type, size_bytes) values (?, ?, ?, 'uploaded', 'k', "
                + "'audio/mp4', ?)", org.id(), earlier, org.adminId(), quota - 500));

        JsonNode space = space(org.adminToken());
        assertThat(space.get("usedBytes").asLong()).isEqualTo(quota - 500);
        assertThat(space.get("limitBytes").asLong()).isEqualTo(quota);
        assertThat(space.get("availableBytes").asLong()).isEqualTo(500);

        Response over = uploadUrl(org.adminToken(), callId, 501).expect(422);
        assertThat(over.errorField()).isEqualTo("fileSize");
        assertThat(over.body().get("message").asString()).contains("quota");
        uploadUrl(org.adminToken(), callId, 500).expect(200);

        Org roomy = registerOrganization();
        UUID roomyCall = callOf(roomy.adminToken(), "9811111111");
        assertThat(uploadUrl(roomy.adminToken(), roomyCall, 50L * 1024 * 1024 + 1).expect(422).errorField())
                .isEqualTo("fileSize");
    }

    @Test
    void aConfirmationWithoutTheFileInStorageIsRefusedAndTheUploadStaysPending() {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111111");
        JsonNode ticket = uploadUrl(org.adminToken(), callId, 1000).expect(200).data();
        UUID recordingId = UUID.fromString(ticket.get("recordingId").asString());

        Response refused = confirm(org.adminToken(), recordingId).expect(422);
        assertThat(refused.errorField()).isEqualTo("recordingId");
        assertThat(refused.body().get("status").asBoolean()).isFalse();
        assertThat(recordingStatus(org.id(), recordingId)).isEqualTo("pending");
        confirm(org.adminToken(), UUID.randomUUID()).expect(404);
    }

    @Test
    void aFileLargerThanAnnouncedIsDeletedAndTheRecordingFails() {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111111");
        JsonNode ticket = uploadUrl(org.adminToken(), callId, 100).expect(200).data();
        // S3 cannot limit a presigned PUT: the object may arrive larger than announced
        store.put(ticket.get("storageKey").asString(), new ByteArrayInputStream(audio(150)), 150, "audio/mp4");

        Response refused = api.post("/api/v1/callRecording/confirmUpload", org.adminToken(),
                Map.of("callLogId", callId)).expect(422);
        assertThat(refused.errorField()).isEqualTo("fileSize");
        UUID recordingId = UUID.fromString(ticket.get("recordingId").asString());
        assertThat(recordingStatus(org.id(), recordingId)).isEqualTo("failed");
        assertThat(store.stat(ticket.get("storageKey").asString())).isEmpty();
        assertThat(api.get("/api/v1/calls/" + callId, org.adminToken()).expect(200).data().get("recording_status")
                .asString()).isEqualTo("failed");
        assertThat(uploadUrl(org.adminToken(), callId, 100).expect(200).data().get("recordingId").asString())
                .isNotEqualTo(recordingId.toString());
    }

    @Test
    void recordingsAreHeardOnlyByThoseWhoMaySeeTheLead() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");
        createLead(org.adminToken(), "Riya", "+919876543210");
        UUID withLead = uploadedRecording(counselor.token(), callOf(counselor.token(), "9876543210"), audio(10));
        UUID withoutLead = uploadedRecording(counselor.token(), callOf(counselor.token(), "9833333333"), audio(10));
        Org other = registerOrganization();

        assertThat(stream(agent.token(), withLead, null).statusCode()).isEqualTo(404);
        assertThat(stream(agent.token(), withoutLead, null).statusCode()).isEqualTo(404);
        assertThat(stream(other.adminToken(), withLead, null).statusCode()).isEqualTo(404);
        assertThat(stream(org.adminToken(), UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(stream(org.adminToken(), withLead, null).statusCode()).isEqualTo(200);
        assertThat(stream(org.adminToken(), withoutLead, null).statusCode()).isEqualTo(200);
        assertThat(stream(counselor.token(), withoutLead, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedUploadUrlIsRefused() throws Exception {
        Org org = registerOrganization();
        JsonNode ticket = uploadUrl(org.adminToken(), callOf(org.adminToken(), "9811111111"), 100).expect(200)
                .data();
        String url = ticket.get("uploadUrl").asString().replace("max=100", "max=1000");
        var response = FILES.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "audio/mp4")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(audio(500))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void badRequestsNameTheField() {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111111");
        String token = org.adminToken();
        assertThat(api.post("/api/v1/callRecording/getUploadUrl", token, Map.of("fileSize", 10)).expect(422)
                .errorField()).isEqualTo("callLogId");
        assertThat(api.post("/api/v1/callRecording/getUploadUrl", token, Map.of("callLogId", callId)).expect(422)
                .errorField()).isEqualTo("fileSize");
        assertThat(api.post("/api/v1/callRecording/getUploadUrl", token, Map.of("callLogId", callId,
                "fileSize", 10, "contentType", "text/plain")).expect(422).errorField()).isEqualTo("contentType");
        api.post("/api/v1/callRecording/getUploadUrl", token, Map.of("callLogId", callId, "fileSize", "big"))
                .expect(400);
        api.post("/api/v1/callRecording/getUploadUrl", token, Map.of("callLogId", "nope", "fileSize", 10))
                .expect(400);
        api.raw("POST", "/api/v1/callRecording/getUploadUrl", token, "application/json", "{").expect(400);
        assertThat(api.post("/api/v1/callRecording/confirmUpload", token, Map.of("recordingId", UUID.randomUUID(),
                "duration", -1)).expect(422).errorField()).isEqualTo("duration");
        assertThat(api.post("/api/v1/callRecording/confirmUpload", token, Map.of()).expect(422).errorField())
                .isEqualTo("recordingId");
        assertThat(api.post("/api/v1/callRecording/confirmUpload", token, Map.of("recordingId",
                UUID.randomUUID(), "format", "m 4 a")).expect(404).body().get("status").asBoolean()).isFalse();
        api.get("/api/v1/callRecording/nope/stream", token).expect(400);
    }

    @Test
    void everyRouteNeedsItsPermission() {
        Org org = registerOrganization();
        createRole(org, "reader", "leads:read");
        createRole(org, "listener", "calls:read");
        TestUser reader = userWithRole(org, "reader");
        TestUser listener = userWithRole(org, "listener");
        for (String route : List.of("sync", "suggestPaths", "availableSpace", "getUploadUrl", "confirmUpload")) {
            api.post("/api/v1/callRecording/" + route, reader.token(), Map.of()).expect(403);
        }
        api.get("/api/v1/callRecording/" + UUID.randomUUID() + "/stream", reader.token()).expect(403);
        api.post("/api/v1/callRecording/getUploadUrl", listener.token(), Map.of()).expect(403);
        api.post("/api/v1/callRecording/confirmUpload", listener.token(), Map.of()).expect(403);
        api.post("/api/v1/callRecording/sync", listener.token(), Map.of("recordings", List.of())).expect(403);
        api.post("/api/v1/callRecording/availableSpace", listener.token(), Map.of()).expect(200);
    }

    @Test
    void reportsAreKeptOncePerCallAndSayWhetherTheFileIsStillNeeded() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID found = callOf(counselor.token(), "9811111111");
        UUID missing = callOf(counselor.token(), "9822222222");
        UUID uploaded = callOf(counselor.token(), "9833333333");
        uploadedRecording(counselor.token(), uploaded, audio(10));
        UUID othersCall = callOf(org.adminToken(), "9844444444");
        String make = unique("make");
        String path = "/storage/emulated/0/" + unique("Calls");

        List<Map<String, Object>> reports = new ArrayList<>();
        reports.add(report(found, "found", path));
        reports.add(report(missing, "not_found", null));
        reports.add(report(uploaded, "compressed", path));
        reports.add(report(othersCall, "found", path));
        reports.add(report(found, "lost", null));
        reports.add(Map.of("callLogId", "nope", "status", "found"));
        Map<String, Object> body = Map.of("manufacturer", make, "model", "Galaxy S23", "recordings", reports);

        JsonNode result = api.post("/api/v1/callRecording/sync", counselor.token(), body).expect(200).data();
        assertThat(result.get("total").asInt()).isEqualTo(6);
        assertThat(result.get("recorded").asInt()).isEqualTo(3);
        assertThat(result.get("invalid").asInt()).isEqualTo(3);
        JsonNode items = result.get("results");
        assertThat(items.get(0).get("result").asString()).isEqualTo("recorded");
        assertThat(items.get(0).get("needsUpload").asBoolean()).isTrue();
        assertThat(items.get(1).get("needsUpload").asBoolean()).isFalse();
        assertThat(items.get(2).get("needsUpload").asBoolean()).isFalse();
        assertThat(items.get(2).get("recordingStatus").asString()).isEqualTo("uploaded");
        assertThat(items.get(3).get("reason").asString()).isEqualTo("call not found");
        assertThat(items.get(4).get("reason").asString()).startsWith("status must be one of");
        assertThat(items.get(5).get("reason").asString()).contains("callLogId");

        assertThat(successCount(make, path)).as("two calls found in the path").isEqualTo(2);
        api.post("/api/v1/callRecording/sync", counselor.token(), body).expect(200);
        assertThat(successCount(make, path)).as("re-sent reports count nothing more").isEqualTo(2);
        long stored = db.fetchCount(db.selectFrom("call_recording_reports")
                .where("organization_id = ?", org.id()));
        assertThat(stored).isZero(); // outside the organization's transaction, row-level security shows nothing
        long[] inOrg = new long[1];
        tenancy.runAs(org.id(), () -> inOrg[0] = db.fetchCount(db.selectFrom("call_recording_reports")
                .where("organization_id = ?", org.id())));
        assertThat(inOrg[0]).isEqualTo(3);

        Map<String, Object> tooMany = Map.of("recordings", java.util.Collections.nCopies(501, report(found,
                "found", null)));
        assertThat(api.post("/api/v1/callRecording/sync", counselor.token(), tooMany).expect(422).errorField())
                .isEqualTo("recordings");
        assertThat(api.post("/api/v1/callRecording/sync", counselor.token(), Map.of()).expect(422).errorField())
                .isEqualTo("recordings");
        api.post("/api/v1/callRecording/sync", counselor.token(), Map.of("recordings", "all")).expect(400);
    }

    private JsonNode space(String token) {
        return api.post("/api/v1/callRecording/availableSpace", token, Map.of()).expect(200).data();
    }

    private static Map<String, Object> report(UUID callId, String status, String path) {
        Map<String, Object> report = new HashMap<>();
        report.put("callLogId", callId.toString());
        report.put("status", status);
        report.put("successPath", path);
        report.put("fileName", "rec.m4a");
        report.put("fileSize", 2000);
        report.put("compressedSize", 900);
        report.put("duration", 42);
        report.put("format", "m4a");
        return report;
    }

    private long successCount(String make, String path) {
        return db.fetchValue("select coalesce(sum(success_count), 0) from recording_path_suggestions "
                + "where manufacturer = ? and path = ?", make, path) instanceof Number n ? n.longValue() : -1;
    }
}
