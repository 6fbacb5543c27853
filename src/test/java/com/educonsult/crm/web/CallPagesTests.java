package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallPagesTests extends BrowserTest {

    private static final HttpClient FILES = HttpClient.newHttpClient();

    @Test
    void theCallsPageListsCallsWithEachCounselorsDailyFiguresAndFiltersThem() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        createLead(org.adminToken(), "Vikram", "+919876500001");
        long now = System.currentTimeMillis();
        // minutes apart, so that all fall on the same day of the organization's time zone whenever the test runs
        sync(counselor.token(), List.of(call("+919876500001", "outgoing", 125, now - 180_000),
                call("+919876500002", "missed", 0, now - 120_000)));
        sync(org.adminToken(), List.of(call("+919876500003", "incoming", 61, now - 60_000)));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/calls");
        assertThat(rows()).hasCount(3);
        assertThat(page.locator(".calls-table")).containsText("Vikram");
        assertThat(page.locator(".calls-table")).containsText("2:05");
        Locator counselorsDay = page.locator(".call-stats tbody tr")
                .filter(new Locator.FilterOptions().setHasText("Test counselor"));
        assertThat(counselorsDay.locator("td").nth(1)).hasText("2");
        assertThat(counselorsDay.locator("td").nth(3)).hasText("1");
        assertAccessible();
        screenshot("calls-1280");

        page.getByLabel("Type").selectOption("missed");
        assertThat(rows()).hasCount(1);
        assertThat(rows().first()).containsText("Missed");
        page.getByLabel("Type").selectOption("");
        page.getByLabel("Counselor", new Page.GetByLabelOptions().setExact(true)).selectOption(counselor.id().toString());
        assertThat(rows()).hasCount(2);

        page.setViewportSize(360, 780);
        page.reload();
        assertThat(rows()).hasCount(2);
        assertAccessible();
        screenshot("calls-360");
    }

    @Test
    void playingARecordingIsAuditedAndSeekable() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = createLead(counselor.token(), "Farah", "+919876500011");
        UUID call = callOf(counselor.token(), "+919876500011");
        UUID recording = uploadedRecording(counselor.token(), call, toneWav(4));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/calls");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                java.util.regex.Pattern.compile("^Play the recording"))).click();
        Locator audio = page.locator(".calls-table audio");
        assertThat(audio).isVisible();
        page.waitForFunction("() => { const a = document.querySelector('.calls-table audio');"
                + " return a && a.readyState >= 1 && a.duration > 3; }");
        Object seeked = page.evaluate("() => new Promise(done => { const a = document.querySelector('.calls-table audio');"
                + " a.addEventListener('seeked', () => done(a.currentTime), { once: true }); a.currentTime = 2.5; })");
        assertThat(((Number) seeked).doubleValue()).isBetween(2.4, 2.6);
        assertThat((Boolean) page.evaluate("() => { const s = document.querySelector('.calls-table audio').seekable;"
                + " return s.length > 0 && s.end(0) > 3; }")).isTrue();

        String src = audio.getAttribute("src");
        HttpResponse<byte[]> part = FILES.send(HttpRequest.newBuilder(URI.create(src)).header("Range", "bytes=44-99")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("bytes 44-99/"));
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(toneWav(4), 44, 100));

        Map<String, Object> audit = auditOf(org, recording);
        assertThat(audit).isNotNull();
        assertThat(audit.get("user_id")).isEqualTo(org.adminId());
        assertThat(audit.get("after").toString()).contains(call.toString());
        assertAccessible();

        page.navigate("/leads/" + lead);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                java.util.regex.Pattern.compile("^Play the recording"))).click();
        assertThat(page.locator(".call-list audio")).isVisible();
    }

    @Test
    void aCounselorSeesOnlyTheirCallsAndCannotPlayAnothersRecording() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        long now = System.currentTimeMillis();
        sync(counselor.token(), List.of(call("+919876500021", "outgoing", 30, now - 60_000)));
        UUID theirs = callOf(other.token(), "+919876500022");
        uploadedRecording(other.token(), theirs, toneWav(1));

        signIn(org.slug(), counselor.email(), PASSWORD);
        page.navigate("/calls");
        assertThat(rows()).hasCount(1);
        assertThat(rows().first()).containsText("+919876500021");
        assertThat(page.getByLabel("Counselor", new Page.GetByLabelOptions().setExact(true))).hasCount(0);
        assertThat(page.locator(".call-stats tbody tr")).hasCount(1);

        var answer = page.navigate("/calls/" + theirs + "/recording");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(page.content()).doesNotContain("<audio");
    }

    private Locator rows() {
        return page.locator(".calls-table tbody tr");
    }

    private Map<String, Object> auditOf(Org org, UUID recording) {
        Map<String, Object> row = new HashMap<>();
        tenancy.runAs(org.id(), () -> {
            var found = db.fetchOne("select user_id, after::text as after from audit_logs where organization_id = ? "
                    + "and action = 'recording.played' and resource_type = 'call_recording' and resource_id = ?",
                    org.id(), recording.toString());
            if (found != null) {
                row.putAll(found.intoMap());
            }
        });
        return row.isEmpty() ? null : row;
    }

    private UUID createLead(String token, String firstName, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", firstName);
        body.put("phone", phone);
        body.put("allow_duplicate", true);
        return UUID.fromString(api.post("/api/v1/leads", token, body).expect(201).data().get("id").asString());
    }

    private static Map<String, Object> call(String phone, String type, int duration, long timestamp) {
        Map<String, Object> call = new HashMap<>();
        call.put("device_call_id", unique("d"));
        call.put("phone_number", phone);
        call.put("call_type", type);
        call.put("duration", duration);
        call.put("timestamp", timestamp);
        call.put("sim_slot", 1);
        return call;
    }

    private JsonNode sync(String token, List<Map<String, Object>> calls) {
        return api.post("/api/v1/calls/sync", token, Map.of("call_logs", calls)).expect(200).data();
    }

    private UUID callOf(String token, String phone) {
        JsonNode synced = sync(token, List.of(call(phone, "outgoing", 42, System.currentTimeMillis() - 120_000)));
        return UUID.fromString(synced.get("results").get(0).get("call_id").asString());
    }

    /** Uploads the audio as the phone app does (ask for a URL, PUT the file, confirm) and answers the recording. */
    private UUID uploadedRecording(String token, UUID callId, byte[] audio) throws Exception {
        JsonNode ticket = api.post("/api/v1/callRecording/getUploadUrl", token, Map.of("callLogId", callId,
                "fileName", "call.wav", "fileSize", audio.length, "contentType", "audio/wav")).expect(200).data();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.get("uploadUrl").asString()))
                .method(ticket.get("method").asString(), HttpRequest.BodyPublishers.ofByteArray(audio));
        ticket.get("headers").properties().forEach(h -> put.header(h.getKey(), h.getValue().asString()));
        assertThat(FILES.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        UUID recordingId = UUID.fromString(ticket.get("recordingId").asString());
        api.post("/api/v1/callRecording/confirmUpload", token, Map.of("recordingId", recordingId,
                "duration", audio.length / 16_000, "bitrate", 128, "format", "wav")).expect(200);
        return recordingId;
    }

    /** A quiet 440 Hz tone: 8 kHz, 16-bit mono PCM WAV of the given seconds. */
    private static byte[] toneWav(int seconds) {
        int rate = 8_000;
        int samples = rate * seconds;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (Math.sin(2 * Math.PI * 440 * i / rate) * 2_000));
        }
        return wav.array();
    }
}
