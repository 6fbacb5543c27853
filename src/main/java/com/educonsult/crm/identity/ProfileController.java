package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/profile")
@Tag(name = "Profile")
class ProfileController {

    private final Profiles profiles;

    ProfileController(Profiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    @RequiresPermission("profile:manage")
    @Operation(summary = "The caller's profile with roles and permissions")
    ApiResponse<UserView> get() {
        return ApiResponse.ok(profiles.get(Authenticated.user()));
    }

    @PatchMapping
    @RequiresPermission("profile:manage")
    @Operation(summary = "Change the caller's profile",
            description = "An empty string clears a text as null does. Preferences take the keys time_zone, "
                    + "language, theme and notifications {email, sms, push, whatsapp}, merged into the stored ones; "
                    + "preferences null removes every preference.")
    @RefusesNull("first_name")
    ApiResponse<UserView> update(@Valid @RequestBody ProfileRequests.Update request, MergePatch patch) {
        return ApiResponse.ok(profiles.update(Authenticated.user(), request, patch), "Profile updated");
    }

    @PostMapping("/password")
    @RequiresPermission("profile:manage")
    @Operation(summary = "Change the caller's password", description = "Ends the caller's other sessions.")
    ApiResponse<Void> changePassword(@Valid @RequestBody ProfileRequests.ChangePassword request) {
        profiles.changePassword(Authenticated.user(), request);
        return ApiResponse.ok(null, "Password changed; your other sessions were ended");
    }
}
