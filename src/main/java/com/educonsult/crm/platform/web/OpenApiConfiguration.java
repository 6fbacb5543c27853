package com.educonsult.crm.platform.web;

import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document: bearer and API-key security, the permission each operation needs written into its
 * description, and the error envelope for the failures every endpoint can answer.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI crmOpenApi() {
        Components components = new Components()
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("Access token from POST /api/v1/auth/login"))
                .addSecuritySchemes("api_key", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key").description("API key with scopes"));
        ModelConverters.getInstance().read(ApiError.class).forEach(components::addSchemas);
        return new OpenAPI()
                .info(new Info().title("EduConsult CRM API").version("v1").description("""
                        Multi-tenant CRM for education consultancies. JSON fields are snake_case. Success:
                        `{"success": true, "data": ..., "message"?, "meta"?}`. Errors: `{"success": false, "message",
                        "errors": [{"field", "message"}], "type", "title", "status", "detail"}`. Another organization's
                        ids answer 404; a missing permission 403."""))
                .components(components);
    }

    @Bean
    OperationCustomizer permissionsInOperations() {
        return (Operation operation, HandlerMethod method) -> {
            boolean isPublic = method.hasMethodAnnotation(PublicEndpoint.class)
                    || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicEndpoint.class);
            RequiresPermission permission = method.getMethodAnnotation(RequiresPermission.class);
            if (permission == null) {
                permission = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
            }
            String access = isPublic ? "Public: no credentials needed."
                    : permission == null ? "Not available to any permission."
                    : "Requires permission `" + permission.value() + "`.";
            operation.setDescription(operation.getDescription() == null ? access
                    : operation.getDescription() + "\n\n" + access);
            if (!isPublic) {
                operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
                operation.addSecurityItem(new SecurityRequirement().addList("api_key"));
                addError(operation, "401", "Missing, invalid or expired credentials");
                addError(operation, "403", "The permission is missing");
            }
            addError(operation, "400", "Malformed request or a value of the wrong type");
            addError(operation, "422", "Validation failed; errors name the fields");
            return operation;
        };
    }

    private static void addError(Operation operation, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/ApiError")))));
    }
}
