package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication")
class PasswordResetController {

    record PasswordReset(@NotBlank @Size(max = 4000) String verificationToken,
            @NotBlank @Size(max = 128) String password) {
    }

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    @PostMapping("/api/v1/auth/password/reset")
    @PublicEndpoint
    @Operation(summary = "Set a new password with the verification of a reset_password code",
            description = "Send a code with POST /api/v1/auth/otp/send (purpose reset_password, the organization's "
                    + "slug and the account's email or phone), check it with /api/v1/auth/otp/verify, then send its "
                    + "verification_token here. Works once; every session of the user ends and a login lock is lifted.")
    ApiResponse<Void> reset(@Valid @RequestBody PasswordReset request) {
        resets.reset(request.verificationToken(), request.password());
        return ApiResponse.ok(null, "Password changed: sign in with the new password");
    }
}
