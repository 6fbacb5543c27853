package com.educonsult.crm.platform.web;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * PATCH as JSON Merge Patch: handlers get their {@link MergePatch}, and each PATCH operation of the OpenAPI
 * document says how absent and null fields are read, names the fields that refuse null and lists
 * application/merge-patch+json beside application/json.
 */
@Configuration(proxyBeanMethods = false)
class MergePatchConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(MergePatch.class);
    }

    private final MergePatchSupport support;

    MergePatchConfiguration(MergePatchSupport support) {
        this.support = support;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(support);
    }

    @Bean
    OperationCustomizer mergePatchInOperations() {
        return (Operation operation, HandlerMethod method) -> {
            if (Arrays.stream(method.getMethodParameters()).noneMatch(p -> p.getParameterType() == MergePatch.class)) {
                return operation;
            }
            String rules = rules(method.getMethodAnnotation(RefusesNull.class));
            operation.setDescription(operation.getDescription() == null ? rules
                    : operation.getDescription() + "\n\n" + rules);
            Content content = operation.getRequestBody() == null ? null : operation.getRequestBody().getContent();
            MediaType json = content == null ? null : content.get(APPLICATION_JSON_VALUE);
            if (json != null) {
                content.addMediaType(MergePatch.MEDIA_TYPE, new MediaType().schema(json.getSchema()));
            }
            return operation;
        };
    }

    private static String rules(RefusesNull refusesNull) {
        String rules = "JSON Merge Patch (RFC 7396), sent as `application/merge-patch+json` or `application/json`: "
                + "a field left out stays as it is; a field set to null is cleared; an object field merges key by "
                + "key (null removes a key).";
        if (refusesNull == null) {
            return rules + " Every field may be cleared.";
        }
        return rules + " These fields cannot be cleared, and null on them answers 422 naming them: "
                + String.join(", ", Arrays.stream(refusesNull.value()).map(f -> "`" + f + "`").toList()) + ".";
    }
}
