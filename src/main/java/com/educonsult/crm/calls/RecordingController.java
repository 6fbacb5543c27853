package com.educonsult.crm.calls;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Call recordings in the canonical API: listening to them, the organization's storage, where phones keep them. */
@RestController
@Tag(name = "Call recordings")
class RecordingController {

    private final RecordingPlayback playback;
    private final RecordingQuota quota;
    private final RecordingPaths paths;

    RecordingController(RecordingPlayback playback, RecordingQuota quota, RecordingPaths paths) {
        this.playback = playback;
        this.quota = quota;
        this.paths = paths;
    }

    @GetMapping("/api/v1/calls/{id}/recording")
    @RequiresPermission("calls:read")
    @Operation(summary = "The call's latest recording, with a short-lived URL that plays it (Range requests "
            + "supported) once it is uploaded; for users who may see the call's lead. Handing out the URL is "
            + "recorded in the audit log (recording.played)")
    ApiResponse<RecordingPlayback.Playable> recording(@PathVariable UUID id) {
        return ApiResponse.ok(playback.forCallRecorded(Authenticated.user(), id));
    }

    @GetMapping("/api/v1/recordings/space")
    @RequiresPermission("calls:read")
    @Operation(summary = "The organization's recording storage: used (uploaded and announced uploads), quota, "
            + "available, the largest file accepted and the retention")
    ApiResponse<RecordingQuota.Space> space() {
        return ApiResponse.ok(quota.space(Authenticated.user().organizationId()));
    }

    @GetMapping("/api/v1/recordings/paths")
    @RequiresPermission("calls:read")
    @Operation(summary = "Where a phone of this make and model keeps call recordings, most likely first")
    ApiResponse<List<String>> paths(@RequestParam(required = false) @Size(max = 100) String manufacturer,
            @RequestParam(required = false) @Size(max = 100) String model) {
        return ApiResponse.ok(paths.suggest(manufacturer, model));
    }
}
