package com.educonsult.crm.calls;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.MobileResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Android app's recording pipeline (seed 01): find (paths, reports), upload, confirm, listen. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app")
class MobileRecordingController {

    private final RecordingReports reports;
    private final RecordingPaths paths;
    private final RecordingQuota quota;
    private final RecordingUploads uploads;
    private final RecordingPlayback playback;

    MobileRecordingController(RecordingReports reports, RecordingPaths paths, RecordingQuota quota,
            RecordingUploads uploads, RecordingPlayback playback) {
        this.reports = reports;
        this.paths = paths;
        this.quota = quota;
        this.uploads = uploads;
        this.playback = playback;
    }

    @PostMapping("/callRecording/sync")
    @RequiresPermission("calls:write")
    @Operation(summary = "Report, per call, whether the phone found its recording (and where), compressed it or "
            + "failed; kept once per call; each item says whether the server still needs the file")
    MobileResponse<RecordingReports.Result> sync(@Valid @RequestBody MobileRecordingRequests.Sync request) {
        return MobileResponse.ok(reports.sync(Authenticated.user(), request.manufacturer(), request.model(),
                request.recordings()));
    }

    @PostMapping("/callRecording/suggestPaths")
    @RequiresPermission("calls:read")
    @Operation(summary = "Where this phone's make and model keeps call recordings, most likely first; a "
            + "successPath counts where recordings were found")
    MobileResponse<MobileRecordingRequests.Paths> suggestPaths(
            @Valid @RequestBody MobileRecordingRequests.SuggestPaths request) {
        if (request.successPath() != null) {
            paths.reportSuccess(request.manufacturer(), request.model(), request.successPath());
        }
        return MobileResponse.ok(new MobileRecordingRequests.Paths(paths.suggest(request.manufacturer(),
                request.model())));
    }

    @PostMapping("/callRecording/availableSpace")
    @RequiresPermission("calls:read")
    @Operation(summary = "The organization's recording storage: used, quota, available")
    MobileResponse<MobileRecordingRequests.Space> availableSpace() {
        return MobileResponse.ok(MobileRecordingRequests.Space.of(
                quota.space(Authenticated.user().organizationId())));
    }

    @PostMapping("/callRecording/getUploadUrl")
    @RequiresPermission("calls:write")
    @Operation(summary = "A presigned upload URL for the recording of one of the caller's calls (within the "
            + "organization's quota); asking again while it is pending gives a fresh URL for the same recording")
    MobileResponse<RecordingUploads.UploadTicket> getUploadUrl(@Valid @RequestBody RecordingUploads.Upload request) {
        return MobileResponse.ok(uploads.requestUpload(Authenticated.user(), request));
    }

    @PostMapping("/callRecording/confirmUpload")
    @RequiresPermission("calls:write")
    @Operation(summary = "Confirm an upload: the file must be in storage within the announced size; records "
            + "duration, bitrate and format and keeps the recording for the retention period")
    MobileResponse<MobileRecordingRequests.Recording> confirmUpload(
            @Valid @RequestBody RecordingUploads.Confirmation request) {
        return MobileResponse.ok(MobileRecordingRequests.Recording.of(
                uploads.confirm(Authenticated.user(), request)));
    }

    @GetMapping("/callRecording/{id}/stream")
    @RequiresPermission("calls:read")
    @Operation(summary = "Play a recording: redirects (302) to a short-lived URL of the audio that honours Range "
            + "requests; with Accept: application/json answers that URL instead")
    @AlsoAnswers(status = 302, description = "To the audio at a short-lived signed URL (Range works there)",
            errorBody = false)
    ResponseEntity<?> stream(@PathVariable UUID id,
            @RequestHeader(value = "Accept", required = false) String accept) {
        CurrentUser user = Authenticated.user();
        RecordingPlayback.Audio audio = playback.stream(user, id);
        if (wantsJson(accept)) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(MobileResponse.ok(new MobileRecordingRequests.Stream(audio.get().url(),
                            audio.durationSeconds(), audio.get().expiresAt())));
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(audio.get().url())
                .cacheControl(CacheControl.noStore()).build();
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.APPLICATION_JSON));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }
}
