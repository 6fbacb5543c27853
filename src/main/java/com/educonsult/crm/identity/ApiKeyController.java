package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/integrations/api-keys")
@Tag(name = "API keys")
class ApiKeyController {

    record CreateApiKey(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> scopes,
            OffsetDateTime expiresAt) {
    }

    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping
    @RequiresPermission("admin:api-keys")
    @Operation(summary = "The organization's API keys (never their secrets)")
    ApiResponse<List<ApiKeys.ApiKeyView>> list() {
        return ApiResponse.ok(apiKeys.list(Authenticated.user().organizationId()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("admin:api-keys")
    @Operation(summary = "Create an API key, sent as the X-API-Key header",
            description = "The key is shown only in this response. Its scopes are permission codes the creator holds.")
    ApiResponse<ApiKeys.CreatedApiKey> create(@Valid @RequestBody CreateApiKey request) {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(apiKeys.create(user, request.name(), request.scopes(), request.expiresAt()),
                "Keep the key now: it is not shown again");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("admin:api-keys")
    @Operation(summary = "Revoke an API key: requests with it fail from now on")
    ApiResponse<Void> revoke(@PathVariable UUID id) {
        apiKeys.revoke(Authenticated.user().organizationId(), id);
        return ApiResponse.ok(null, "API key revoked");
    }
}
