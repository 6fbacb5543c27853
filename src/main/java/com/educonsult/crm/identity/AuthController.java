package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.SharedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Authentication. Registration, refresh and logout are shared with the Android app (seed 01): they answer with
 * both envelope keys, {@code success} and {@code status}.
 */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

    private final Authentication authentication;
    private final Users users;
    private final RegistrationRequests registrations;

    AuthController(Authentication authentication, Users users, RegistrationRequests registrations) {
        this.authentication = authentication;
        this.users = users;
        this.registrations = registrations;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @PublicEndpoint
    @Operation(summary = "Create an organization and its first admin, or join an organization (Android app)",
            description = "Without organization_id or org_slug: creates the organization (organization_name, "
                    + "organization_slug, ...) and its admin. With one of them: joins that organization as a new user "
                    + "with the agent role; the phone must have been verified by /auth/register/verifyOTP within "
                    + "15 minutes (422 naming phone otherwise); 403 when the organization's setting "
                    + "app_self_registration is false. Both log the new user in.")
    @AlsoAnswers(status = 403, description = "The organization does not let the app register users "
            + "(app_self_registration is false)")
    SharedResponse<AuthViews.Tokens> register(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            description = "Either a new organization and its admin, or (the Android app) a user joining an "
                    + "organization named by organization_id or org_slug",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {
                    AuthRequests.Register.class, AuthRequests.JoinOrganization.class})))
            @RequestBody JsonNode body) {
        return switch (registrations.read(body)) {
            case AuthRequests.JoinOrganization join -> SharedResponse.ok(authentication.join(join), "Registered");
            case AuthRequests.Register create ->
                    SharedResponse.ok(authentication.register(create), "Organization created");
        };
    }

    @PostMapping("/login")
    @PublicEndpoint
    @Operation(summary = "Log in with email or phone, password and organization slug",
            description = "Ten failed logins in a row lock the account for 15 minutes (423).")
    @AlsoAnswers(status = 423, description = "The account is locked for 15 minutes after ten failed logins")
    ApiResponse<AuthViews.Tokens> login(@Valid @RequestBody AuthRequests.Login request) {
        return ApiResponse.ok(authentication.login(request));
    }

    @PostMapping("/refresh")
    @PublicEndpoint
    @Operation(summary = "Exchange a refresh token for new tokens",
            description = "Refresh tokens are single use. Presenting a used one revokes its whole session.")
    SharedResponse<AuthViews.Tokens> refresh(@Valid @RequestBody AuthRequests.RefreshToken request) {
        return SharedResponse.ok(authentication.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @RequiresPermission("profile:manage")
    @Operation(summary = "End the current session and forget the user's device token for push notifications")
    SharedResponse<Void> logout() {
        CurrentUser user = Authenticated.user();
        authentication.logout(user.organizationId(), user.userId(), user.sessionId());
        return SharedResponse.ok(null, "Logged out");
    }

    @GetMapping("/me")
    @RequiresPermission("profile:manage")
    @Operation(summary = "The authenticated user with roles and permissions")
    ApiResponse<UserView> me() {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(users.findView(user.organizationId(), user.userId()).orElseThrow());
    }
}
