package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

    private final Authentication authentication;
    private final Users users;

    AuthController(Authentication authentication, Users users) {
        this.authentication = authentication;
        this.users = users;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @PublicEndpoint
    @Operation(summary = "Create an organization and its first admin, and log the admin in")
    ApiResponse<AuthViews.Tokens> register(@Valid @RequestBody AuthRequests.Register request) {
        return ApiResponse.ok(authentication.register(request), "Organization created");
    }

    @PostMapping("/login")
    @PublicEndpoint
    @Operation(summary = "Log in with email or phone, password and organization slug",
            description = "Ten failed logins in a row lock the account for 15 minutes (423).")
    ApiResponse<AuthViews.Tokens> login(@Valid @RequestBody AuthRequests.Login request) {
        return ApiResponse.ok(authentication.login(request));
    }

    @PostMapping("/refresh")
    @PublicEndpoint
    @Operation(summary = "Exchange a refresh token for new tokens",
            description = "Refresh tokens are single use. Presenting a used one revokes its whole session.")
    ApiResponse<AuthViews.Tokens> refresh(@Valid @RequestBody AuthRequests.RefreshToken request) {
        return ApiResponse.ok(authentication.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @RequiresPermission("profile:manage")
    @Operation(summary = "End the current session")
    ApiResponse<Void> logout() {
        CurrentUser user = Authenticated.user();
        authentication.logout(user.organizationId(), user.sessionId());
        return ApiResponse.ok(null, "Logged out");
    }

    @GetMapping("/me")
    @RequiresPermission("profile:manage")
    @Operation(summary = "The authenticated user with roles and permissions")
    ApiResponse<UserView> me() {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(users.findView(user.organizationId(), user.userId()).orElseThrow());
    }
}
