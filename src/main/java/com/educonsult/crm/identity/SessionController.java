package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/sessions")
@Tag(name = "Profile")
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    @RequiresPermission("profile:manage")
    @Operation(summary = "The caller's login sessions, newest first; the live ones unless include_revoked=true")
    ApiResponse<List<Sessions.SessionView>> list(
            @RequestParam(name = "include_revoked", defaultValue = "false") boolean includeRevoked,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(sessions.listOf(Authenticated.user(), includeRevoked, PageRequest.of(limit, offset)));
    }

    @DeleteMapping("/{id}/revoke")
    @RequiresPermission("profile:manage")
    @Operation(summary = "Revoke one of the caller's sessions",
            description = "Its refresh token fails at once and its access token at its next use.")
    ApiResponse<Sessions.SessionView> revoke(@PathVariable UUID id) {
        return ApiResponse.ok(sessions.revokeOwn(Authenticated.user(), id), "Session revoked");
    }
}
