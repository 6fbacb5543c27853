package com.educonsult.crm.identity;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a body of {@code POST /auth/register} as one of its two shapes: naming an organization to join
 * ({@code organization_id} or {@code org_slug}, the Android app's) or describing a new one (the canonical API's).
 * Validation and type errors answer as for any request body: 422 or 400 naming the field.
 */
@Component
class RegistrationRequests {

    private final JsonMapper json;
    private final Validator validator;

    RegistrationRequests(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    AuthRequests.Registration read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object", List.of());
        }
        boolean joins = present(body, "organization_id") || present(body, "org_slug") || present(body, "orgSlug");
        AuthRequests.Registration request = convert(body, joins ? AuthRequests.JoinOrganization.class
                : AuthRequests.Register.class);
        Set<ConstraintViolation<AuthRequests.Registration>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    private AuthRequests.Registration convert(JsonNode body, Class<? extends AuthRequests.Registration> shape) {
        try {
            return json.treeToValue(body, shape);
        } catch (JacksonException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw ApiException.badRequest("Invalid value for " + (field.isEmpty() ? "the request body" : field),
                    field.isEmpty() ? List.of() : List.of(new FieldError(field, "has the wrong type or format")));
        }
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && !value.isNull();
    }
}
