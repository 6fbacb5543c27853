package com.educonsult.crm.platform.web;

import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import io.swagger.v3.core.converter.ModelConverters;
import java.util.List;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.annotation.Order;
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

    private static final WireNames.SchemaNames SCHEMA_NAMES = new WireNames.SchemaNames();

    @Bean
    OpenAPI crmOpenApi() {
        Components components = new Components()
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("Access token from POST /api/v1/auth/login"))
                .addSecuritySchemes("api_key", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key").description("API key with scopes"));
        return new OpenAPI()
                .info(new Info().title("EduConsult CRM API").version("v1").description("""
                        Multi-tenant CRM for education consultancies. JSON fields are snake_case. Success:
                        `{"success": true, "data": ..., "message"?, "meta"?}`. Errors: `{"success": false, "message",
                        "errors": [{"field", "message"}], "type", "title", "status", "detail"}`. Another organization's
                        ids answer 404; a missing permission 403."""))
                .components(components);
    }

    /**
     * swagger-core's model reader, with the wire's property names and unique schema names (see {@link WireNames});
     * it replaces springdoc's default one of the same class.
     */
    @Bean
    @Order(1)
    ModelResolver wireNamedModelResolver() {
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, new Schema<>()
                .types(new java.util.LinkedHashSet<>(List.of("object", "array", "string", "number", "boolean", "null")))
                .description("Any JSON value"));
        ObjectMapper mapper = Json31.mapper().copy().setPropertyNamingStrategy(new WireNames.Strategy());
        return new ModelResolver(mapper, SCHEMA_NAMES).openapi31(true);
    }

    @Bean
    @Order(2)
    WireSchemas wireSchemas() {
        return new WireSchemas(SCHEMA_NAMES);
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
            }
            operation.setOperationId(operationId(method));
            for (AlsoAnswers answer : method.getMethod().getAnnotationsByType(AlsoAnswers.class)) {
                ApiResponse response = new ApiResponse().description(answer.description());
                if (answer.errorBody()) {
                    response.setContent(errorContent(MobileApi.handles(HandlerPaths.of(method)) ? "MobileError" : "ApiError"));
                }
                operation.getResponses().addApiResponse(String.valueOf(answer.status()), response);
            }
            return operation;
        };
    }

    /** {@code LeadController.create} is {@code leadCreate}: unique, and readable in a generated client. */
    private static String operationId(HandlerMethod method) {
        String owner = method.getBeanType().getSimpleName().replaceAll("(Controller|Pages)$", "");
        String name = method.getMethod().getName();
        return Character.toLowerCase(owner.charAt(0)) + owner.substring(1)
                + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The error answers every operation can give, in the envelope of its API: the Android app's routes answer
     * {@code MobileError}, all others {@code ApiError}.
     */
    @Bean
    OpenApiCustomizer errorAnswers() {
        return openApi -> {
            for (Class<?> error : List.of(ApiError.class, MobileError.class)) {
                ModelConverters.getInstance(true).readAll(error).forEach(openApi.getComponents()::addSchemas);
                openApi.getComponents().getSchemas().get(error.getSimpleName()).addProperty("data", new Schema<>()
                        .types(java.util.Set.of("object")).additionalProperties(true)
                        .description("Details of some errors, such as the existing lead of a duplicate"));
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String schema = MobileApi.handles(path) ? "MobileError" : "ApiError";
                boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
                addError(operation, schema, "400", "Malformed request, or a value of the wrong type; errors name it");
                addError(operation, schema, "401", "Missing, invalid or expired credentials");
                if (secured) {
                    addError(operation, schema, "403", "The permission is missing");
                }
                addError(operation, schema, "404",
                        "Not found in your organization: the resource or a record the request names");
                if (operation.getRequestBody() != null) {
                    addError(operation, schema, "413", "The body is larger than allowed");
                    addError(operation, schema, "415", "The body's content type is not accepted here");
                }
                if (method != PathItem.HttpMethod.GET) {
                    addError(operation, schema, "409", "The change conflicts with existing data");
                }
                addError(operation, schema, "422", "Validation failed; errors name the fields");
                addError(operation, schema, "429", "Too many requests; retry after Retry-After seconds");
                addError(operation, schema, "503", "The server is busy; retry after Retry-After seconds");
            }));
        };
    }

    /** {@code limit} and {@code offset} of the canonical lists, with the bounds {@link PageRequest} enforces. */
    @Bean
    OpenApiCustomizer pagingParameters() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (MobileApi.handles(path) || operation.getParameters() == null) {
                return;
            }
            operation.getParameters().stream().filter(p -> "query".equals(p.getIn()) && p.getSchema() != null)
                    .forEach(parameter -> {
                        if (parameter.getSchema().getMaximum() != null || parameter.getSchema().getMinimum() != null) {
                            return;
                        }
                        if (parameter.getName().equals("limit")) {
                            parameter.getSchema().minimum(java.math.BigDecimal.ONE)
                                    .maximum(java.math.BigDecimal.valueOf(PageRequest.MAX_LIMIT))
                                    ._default(PageRequest.DEFAULT_LIMIT);
                            parameter.description("Items per page (default " + PageRequest.DEFAULT_LIMIT
                                    + ", at most " + PageRequest.MAX_LIMIT + ")");
                        } else if (parameter.getName().equals("offset")) {
                            parameter.getSchema().minimum(java.math.BigDecimal.ZERO)._default(0);
                            parameter.description("Items to skip");
                        }
                    });
        }));
    }

    private static void addError(Operation operation, String schema, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(errorContent(schema)));
    }

    private static Content errorContent(String schema) {
        return new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema)));
    }
}
