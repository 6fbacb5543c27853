package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The canonical recording endpoints: a call's recording with its playback URL, and the storage used. */
class RecordingPlaybackTests extends RecordingApiTest {

    @Test
    void aCallsRecordingComesWithAPlaybackUrlThatHonoursRange() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        createLead(org.adminToken(), "Riya", "+919876543210");
        UUID callId = callOf(counselor.token(), "9876543210");
        byte[] audio = audio(2000);
        UUID recordingId = uploadedRecording(counselor.token(), callId, audio);

        JsonNode data = api.get("/api/v1/calls/" + callId + "/recording", org.adminToken()).expect(200).data();
        assertThat(data.get("recording").get("id").asString()).isEqualTo(recordingId.toString());
        assertThat(data.get("recording").get("status").asString()).isEqualTo("uploaded");
        assertThat(data.get("recording").get("size_bytes").asLong()).isEqualTo(2000);
        assertThat(data.get("recording").get("duration_seconds").asInt()).isEqualTo(42);
        HttpResponse<byte[]> part = FILES.send(HttpRequest.newBuilder(URI.create(data.get("playback_url").asString()))
                .header("Range", "bytes=0-9").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(audio, 0, 10));

        JsonNode space = api.get("/api/v1/recordings/space", org.adminToken()).expect(200).data();
        assertThat(space.get("used_bytes").asLong()).isEqualTo(2000);
        assertThat(space.get("retention_days").asInt()).isEqualTo(90);
    }

    @Test
    void aCallWithoutRecordingOrOutOfReachIsNotFound() throws Exception {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        createLead(org.adminToken(), "Riya", "+919876543210");
        UUID bare = callOf(org.adminToken(), "9811111111");
        UUID recorded = callOf(org.adminToken(), "9876543210");
        uploadedRecording(org.adminToken(), recorded, audio(10));
        Org other = registerOrganization();

        api.get("/api/v1/calls/" + bare + "/recording", org.adminToken()).expect(404);
        api.get("/api/v1/calls/" + recorded + "/recording", agent.token()).expect(404);
        api.get("/api/v1/calls/" + recorded + "/recording", other.adminToken()).expect(404);
        api.get("/api/v1/calls/" + UUID.randomUUID() + "/recording", org.adminToken()).expect(404);
        api.get("/api/v1/calls/nope/recording", org.adminToken()).expect(400);

        JsonNode pending = api.get("/api/v1/calls/" + callIdWithPendingUpload(org) + "/recording",
                org.adminToken()).expect(200).data();
        assertThat(pending.get("recording").get("status").asString()).isEqualTo("pending");
        assertThat(pending.get("playback_url").isNull()).isTrue();
    }

    @Test
    void theEndpointsNeedThePermission() {
        Org org = registerOrganization();
        createRole(org, "reader", "leads:read");
        TestUser reader = userWithRole(org, "reader");
        api.get("/api/v1/calls/" + UUID.randomUUID() + "/recording", reader.token()).expect(403);
        api.get("/api/v1/recordings/space", reader.token()).expect(403);
        api.get("/api/v1/recordings/paths", reader.token()).expect(403);
    }

    private UUID callIdWithPendingUpload(Org org) {
        UUID callId = callOf(org.adminToken(), "9822222222");
        uploadUrl(org.adminToken(), callId, 100).expect(200);
        return callId;
    }
}
