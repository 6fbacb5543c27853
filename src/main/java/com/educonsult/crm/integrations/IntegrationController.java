package com.educonsult.crm.integrations;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/integrations")
@Tag(name = "Integrations")
class IntegrationController {

    @Schema(name = "ConnectIntegration", description = "A provider's credentials (sealed at rest, never returned) "
            + "and settings")
    record ConnectRequest(
            @NotEmpty @Size(max = 20) Map<@NotBlank @Size(max = 100) String, @NotBlank @Size(max = 8192) String>
                    credentials,
            @Size(max = 50) Map<@NotBlank @Size(max = 100) String, Object> settings) {
    }

    private final IntegrationRegistry registry;

    IntegrationController(IntegrationRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @RequiresPermission("settings:manage")
    @Operation(summary = "Every integration type with its status, last activity and last error")
    ApiResponse<List<IntegrationRegistry.IntegrationStatus>> list() {
        return ApiResponse.ok(registry.list());
    }

    @PostMapping("/{type}/connect")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Connect an integration with its provider's credentials",
            description = "Credentials are sealed with AES-GCM and never returned; connecting again replaces them. "
                    + "Facebook has its own connect flow at /api/v1/admin/integrations/facebook/connect.")
    ApiResponse<IntegrationRegistry.IntegrationStatus> connect(
            @Parameter(schema = @Schema(allowableValues = {"instagram", "website_forms", "google_ads", "email", "sms",
                    "whatsapp", "push", "payments"})) @PathVariable String type,
            @Valid @RequestBody ConnectRequest request) {
        return ApiResponse.ok(registry.connect(Authenticated.user(), typeOf(type), request.credentials(),
                request.settings()), "Connected");
    }

    @DeleteMapping("/{type}/disconnect")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Disconnect an integration: its credentials are deleted")
    ApiResponse<IntegrationRegistry.IntegrationStatus> disconnect(
            @Parameter(schema = @Schema(allowableValues = {"facebook", "instagram", "website_forms", "google_ads",
                    "email", "sms", "whatsapp", "push", "payments"})) @PathVariable String type) {
        return ApiResponse.ok(registry.disconnect(Authenticated.user(), typeOf(type)), "Disconnected");
    }

    @PostMapping("/{type}/test")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Try an integration's connection with a harmless call to its provider",
            description = "ok false carries the provider's reason, which also becomes the integration's last error. "
                    + "422 naming type when the type has no test or is not connected.")
    ApiResponse<IntegrationTester.Outcome> test(
            @Parameter(schema = @Schema(allowableValues = {"facebook", "instagram", "website_forms", "google_ads",
                    "email", "sms", "whatsapp", "push", "payments"})) @PathVariable String type) {
        return ApiResponse.ok(registry.test(Authenticated.user(), typeOf(type)));
    }

    private static IntegrationType typeOf(String code) {
        return IntegrationType.of(code).orElseThrow(() -> ApiException.notFound("Integration type"));
    }
}
