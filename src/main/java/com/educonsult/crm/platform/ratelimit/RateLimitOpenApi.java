package com.educonsult.crm.platform.ratelimit;

import com.educonsult.crm.platform.web.HandlerPaths;
import com.educonsult.crm.platform.web.MobileApi;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/** Documents the rate limit headers on every answer and the 429 answer, on every operation the limits apply to. */
@Configuration(proxyBeanMethods = false)
class RateLimitOpenApi {

    private static final Map<String, String> HEADERS = Map.of(
            RateLimitFilter.LIMIT, "Requests allowed per minute to this caller (user, API key, or client address "
                    + "for a public endpoint)",
            RateLimitFilter.REMAINING, "Requests left now",
            RateLimitFilter.RESET, "Seconds until the allowance is full again");

    @Bean
    OperationCustomizer rateLimitHeaders() {
        return (Operation operation, HandlerMethod method) -> {
            ApiResponses responses = operation.getResponses();
            String path = HandlerPaths.of(method);
            if (responses == null || !(path.startsWith("/api/") || path.startsWith("/webhooks/"))) {
                return operation;
            }
            if (!responses.containsKey("429")) {
                responses.addApiResponse("429", new ApiResponse()
                        .description("Too many requests: the rate limit is used up; retry after `Retry-After` seconds")
                        .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)))
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/"
                                        + (MobileApi.handles(path) ? "MobileError" : "ApiError"))))));
            }
            responses.values().forEach(response -> HEADERS.forEach((name, description) ->
                    response.addHeaderObject(name, new Header().description(description)
                            .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)))));
            return operation;
        };
    }
}
