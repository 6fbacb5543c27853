package com.educonsult.crm.platform.web;

import com.educonsult.crm.platform.security.PublicEndpoint;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/** Documents the {@code Idempotency-Key} header, and its 409 and 422 answers, on every canonical POST with credentials. */
@Configuration(proxyBeanMethods = false)
class IdempotencyOpenApi {

    private static final String DESCRIPTION = """
            Makes the request safe to retry: the first request with a key runs and its answer (2xx, or 4xx other \
            than 408, 409 and 429) is kept for 24 hours; a retry with the same key and the same request (method, \
            path, query and body) gets that answer again, with `Idempotent-Replayed: true`, and creates nothing. \
            Keys belong to the caller (user or API key) within the organization.""";

    @Bean
    OperationCustomizer idempotencyKeyHeader() {
        return (Operation operation, HandlerMethod method) -> {
            if (takesIdempotencyKey(method)) {
                document(operation);
            }
            return operation;
        };
    }

    private static boolean takesIdempotencyKey(HandlerMethod method) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        if (mapping == null || !List.of(mapping.method()).contains(RequestMethod.POST)) {
            return false;
        }
        boolean isPublic = method.hasMethodAnnotation(PublicEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicEndpoint.class);
        return !isPublic && !MobileApi.handles(HandlerPaths.of(method));
    }

    private static void document(Operation operation) {
        operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                .description(DESCRIPTION)
                .schema(new StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        errorOrAlso(responses, "400", "Malformed request",
                "the Idempotency-Key header is empty or longer than 255 characters");
        errorOrAlso(responses, "409", "A request with this Idempotency-Key is still in progress; retry later", null);
        errorOrAlso(responses, "422", "Validation failed; errors name the fields",
                "the Idempotency-Key was used with a different request");
        responses.forEach((status, response) -> {
            if (status.matches("\\d{3}") && IdempotencyFilter.isKept(Integer.parseInt(status))) {
                response.addHeaderObject(IdempotencyFilter.REPLAYED_HEADER, new Header()
                        .description("`true` when this is the kept answer to an earlier request with the same key")
                        .schema(new StringSchema()._enum(List.of("true"))));
            }
        });
    }

    /** Adds the error answer, or adds the idempotency case to the description of the one already there. */
    private static void errorOrAlso(ApiResponses responses, String status, String description, String alsoWhen) {
        ApiResponse existing = responses.get(status);
        if (existing != null) {
            if (alsoWhen != null) {
                existing.setDescription(existing.getDescription() + "; or " + alsoWhen);
            }
            return;
        }
        error(responses, status, alsoWhen == null ? description : description + "; or " + alsoWhen);
    }

    private static void error(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/ApiError")))));
    }

}
