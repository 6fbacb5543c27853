package com.educonsult.crm.calls;

import com.educonsult.crm.platform.storage.ObjectStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Recording tests' fixtures: calls synced through the API, uploads sent to the URLs it hands out. */
abstract class RecordingApiTest extends CallApiTest {

    protected static final long T0 = 1_709_288_130_000L;
    protected static final HttpClient FILES = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Autowired
    protected ObjectStore store;

    /** Syncs one call of the user's phone and answers its id. */
    protected UUID callOf(String token, String phone) {
        JsonNode synced = sync(token, List.of(call(unique("d"), phone, "outgoing", 42, T0)));
        return UUID.fromString(synced.get("results").get(0).get("call_id").asString());
    }

    protected Response uploadUrl(String token, Object callLogId, long size) {
        Map<String, Object> body = new HashMap<>();
        body.put("callLogId", callLogId);
        body.put("fileName", "call_2024.m4a");
        body.put("fileSize", size);
        body.put("contentType", "audio/mp4");
        return api.post("/api/v1/callRecording/getUploadUrl", token, body);
    }

    protected int put(JsonNode ticket, byte[] bytes) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.get("uploadUrl").asString()))
                .method(ticket.get("method").asString(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        ticket.get("headers").properties().forEach(h -> request.header(h.getKey(), h.getValue().asString()));
        return FILES.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    protected Response confirm(String token, Object recordingId) {
        return api.post("/api/v1/callRecording/confirmUpload", token,
                Map.of("recordingId", recordingId, "duration", 42, "bitrate", 64, "format", "m4a"));
    }

    /** A call of the user with an uploaded, confirmed recording of the given bytes; answers the recording's id. */
    protected UUID uploadedRecording(String token, UUID callId, byte[] audio) throws Exception {
        JsonNode ticket = uploadUrl(token, callId, audio.length).expect(200).data();
        if (put(ticket, audio) != 200) {
            throw new IllegalStateException("upload refused");
        }
        UUID recordingId = UUID.fromString(ticket.get("recordingId").asString());
        confirm(token, recordingId).expect(200);
        return recordingId;
    }

    protected HttpResponse<byte[]> stream(String token, UUID recordingId, String range) throws Exception {
        HttpRequest.Builder request = api.builder("/api/v1/callRecording/" + recordingId + "/stream", token).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return FILES.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected String recordingStatus(UUID organizationId, UUID recordingId) {
        String[] status = new String[1];
        tenancy.runAs(organizationId, () -> status[0] = db.fetchValue(
                "select status from call_recordings where organization_id = ? and id = ?", organizationId,
                recordingId).toString());
        return status[0];
    }

    protected static byte[] audio(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    protected void createRole(Org org, String code, String... permissions) {
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", code, "name", code, "data_scope", "all",
                "permissions", List.of(permissions))).expect(201);
    }
}
