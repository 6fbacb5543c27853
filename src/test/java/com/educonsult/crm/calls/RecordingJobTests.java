package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The recordings' housekeeping, run directly at chosen times. */
class RecordingJobTests extends RecordingApiTest {

    @Autowired
    private RecordingCleanup cleanup;

    @Test
    void recordingsPastTheirRetentionLeaveStorageAndAreMarkedDeleted() throws Exception {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111111");
        UUID recordingId = uploadedRecording(org.adminToken(), callId, audio(300));
        String key = storageKey(org.id(), recordingId);

        cleanup.deleteExpired(Instant.now().plus(Duration.ofDays(89)));
        assertThat(recordingStatus(org.id(), recordingId)).isEqualTo("uploaded");
        assertThat(store.stat(key)).isPresent();

        RecordingCleanup.Run run = cleanup.deleteExpired(Instant.now().plus(Duration.ofDays(91)));
        assertThat(run.recordingsByOrganization()).containsEntry(org.id(), 1);
        assertThat(recordingStatus(org.id(), recordingId)).isEqualTo("deleted");
        assertThat(store.stat(key)).isEmpty();
        assertThat(api.get("/api/v1/calls/" + callId, org.adminToken()).expect(200).data().get("recording_status")
                .asString()).isEqualTo("deleted");
        assertThat(stream(org.adminToken(), recordingId, null).statusCode()).isEqualTo(404);
        assertThat(space(org).get("used_bytes").asLong()).isZero();

        assertThat(cleanup.deleteExpired(Instant.now().plus(Duration.ofDays(92))).recordingsByOrganization())
                .doesNotContainKey(org.id());
        // a new recording of the call may follow
        uploadUrl(org.adminToken(), callId, 100).expect(200);
    }

    @Test
    void aSuspendedOrganizationsRecordingsStillExpire() throws Exception {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111112");
        UUID recordingId = uploadedRecording(org.adminToken(), callId, audio(300));
        tenancy.runAs(org.id(), () -> db.execute("update organizations set active = false where id = ?", org.id()));

        RecordingCleanup.Run run = cleanup.deleteExpired(Instant.now().plus(Duration.ofDays(91)));

        assertThat(run.recordingsByOrganization()).containsEntry(org.id(), 1);
        assertThat(recordingStatus(org.id(), recordingId)).isEqualTo("deleted");
        assertThat(store.stat(storageKey(org.id(), recordingId))).isEmpty();
    }

    @Test
    void aRecordingWhoseCallIsBusyIsLeftToTheNextRunInsteadOfWaiting() throws Exception {
        Org org = registerOrganization();
        UUID callId = callOf(org.adminToken(), "9811111114");
        UUID recordingId = uploadedRecording(org.adminToken(), callId, audio(300));
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread request = Thread.ofVirtual().start(() -> tenancy.runAs(org.id(), () -> {
            // as a request for an upload URL of that call holds it
            db.execute("select id from call_logs where organization_id = ? and id = ? for no key update",
                    org.id(), callId);
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        locked.await();

        try {
            // waiting for the call would wait for ever here (the request waits for the job to end)
            RecordingCleanup.Run busy = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> cleanup.deleteExpired(Instant.now().plus(Duration.ofDays(91))))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(busy.recordingsByOrganization()).doesNotContainKey(org.id());
            assertThat(recordingStatus(org.id(), recordingId)).isEqualTo("uploaded");
        } finally {
            release.countDown();
            request.join();
        }
        RecordingCleanup.Run next = cleanup.deleteExpired(Instant.now().plus(Duration.ofDays(91)));
        assertThat(next.recordingsByOrganization()).containsEntry(org.id(), 1);
        assertThat(recordingStatus(org.id(), recordingId)).isEqualTo("deleted");
    }

    @Test
    void uploadsNeverConfirmedFailAfterTheTimeoutAndStopCountingAgainstTheQuota() throws Exception {
        Org org = registerOrganization();
        UUID stale = callOf(org.adminToken(), "9811111111");
        JsonNode ticket = uploadUrl(org.adminToken(), stale, 400).expect(200).data();
        put(ticket, audio(400)); // uploaded but never confirmed
        UUID staleRecording = UUID.fromString(ticket.get("recordingId").asString());
        tenancy.runAs(org.id(), () -> db.execute("update call_recordings set updated_at = now() - interval '25 hours' "
                + "where organization_id = ? and id = ?", org.id(), staleRecording));
        UUID fresh = callOf(org.adminToken(), "9822222222");
        UUID freshRecording = UUID.fromString(uploadUrl(org.adminToken(), fresh, 100).expect(200).data()
                .get("recordingId").asString());
        assertThat(space(org).get("used_bytes").asLong()).isEqualTo(500);

        RecordingCleanup.Run run = cleanup.failStalePending(Instant.now());

        assertThat(run.recordingsByOrganization()).containsEntry(org.id(), 1);
        assertThat(recordingStatus(org.id(), staleRecording)).isEqualTo("failed");
        assertThat(recordingStatus(org.id(), freshRecording)).isEqualTo("pending");
        assertThat(store.stat(ticket.get("storageKey").asString())).isEmpty();
        assertThat(space(org).get("used_bytes").asLong()).isEqualTo(100);
        assertThat(api.get("/api/v1/calls/" + stale, org.adminToken()).expect(200).data().get("recording_status")
                .asString()).isEqualTo("failed");
        confirm(org.adminToken(), staleRecording).expect(409);
    }

    private JsonNode space(Org org) {
        return api.get("/api/v1/recordings/space", org.adminToken()).expect(200).data();
    }

    private String storageKey(UUID organizationId, UUID recordingId) {
        String[] key = new String[1];
        tenancy.runAs(organizationId, () -> key[0] = (String) db.fetchValue(
                "select storage_key from call_recordings where organization_id = ? and id = ?", organizationId,
                recordingId));
        return key[0];
    }

}
