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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/invitations")
@Tag(name = "Authentication")
class InvitationController {

    record Accept(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 128) String password) {
    }

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/accept")
    @PublicEndpoint
    @Operation(summary = "Set the first password of an invited user with the one-time token of the invitation")
    ApiResponse<Invitations.Accepted> accept(@Valid @RequestBody Accept request) {
        return ApiResponse.ok(invitations.accept(request.token(), request.password()),
                "Password set: log in with your email and this password");
    }
}
