package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Playing a recording: the URL is handed out to whoever may hear the call, and each handing out is audited. */
class RecordingListeningTests extends RecordingApiTest {

    @Autowired
    RecordingPlayback playback;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void playingARecordingRecordsWhoPlayedWhichRecordingOfWhichCall() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        createLead(counselor.token(), "Riya", "+919876543210");
        UUID callId = callOf(counselor.token(), "9876543210");
        UUID recordingId = uploadedRecording(counselor.token(), callId, audio(1000));
        CurrentUser admin = signedIn(new CurrentUser(org.id(), org.adminId(), null, null, null, Set.of("admin"),
                Set.of("calls:read"), DataScope.ALL, null));

        RecordingPlayback.Listening listening = tenancy.callAs(org.id(), () -> playback.play(admin, callId));

        assertThat(listening.recordingId()).isEqualTo(recordingId);
        assertThat(listening.status()).isEqualTo("uploaded");
        assertThat(listening.durationSeconds()).isEqualTo(42);
        assertThat(listening.playbackUrl()).isNotNull();
        List<Map<String, Object>> entries = played(org, recordingId);
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().get("user_id")).isEqualTo(org.adminId());
        assertThat(entries.getFirst().get("after").toString()).contains(callId.toString())
                .contains(counselor.id().toString());
    }

    @Test
    void aRecordingOutOfReachIsNotFoundAndNothingIsAudited() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        UUID callId = callOf(counselor.token(), "9876543210");
        UUID recordingId = uploadedRecording(counselor.token(), callId, audio(10));
        CurrentUser stranger = signedIn(new CurrentUser(org.id(), other.id(), null, null, null, Set.of("counselor"),
                Set.of("calls:read"), DataScope.OWN, null));

        assertThatThrownBy(() -> tenancy.callAs(org.id(), () -> playback.play(stranger, callId)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThat(played(org, recordingId)).isEmpty();
    }

    @Test
    void theApisPlaybackUrlIsAuditedToo() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID callId = callOf(counselor.token(), "9876543211");
        UUID recordingId = uploadedRecording(counselor.token(), callId, audio(500));

        api.get("/api/v1/calls/" + callId + "/recording", org.adminToken()).expect(200);

        List<Map<String, Object>> entries = played(org, recordingId);
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().get("user_id")).isEqualTo(org.adminId());
    }

    private static CurrentUser signedIn(CurrentUser user) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
        return user;
    }

    private List<Map<String, Object>> played(Org org, UUID recordingId) {
        return tenancy.callAs(org.id(), () -> db.fetch("select user_id, after::text as after from audit_logs "
                + "where organization_id = ? and action = 'recording.played' and resource_id = ?", org.id(),
                recordingId.toString()).intoMaps());
    }
}
