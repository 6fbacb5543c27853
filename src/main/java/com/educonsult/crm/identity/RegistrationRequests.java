package com.educonsult.crm.identity;

import com.educonsult.crm.platform.web.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
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

    /**
     * The canonical shape is read strictly like every canonical request body (an unknown field is a 422 naming
     * it); the app's shape stays tolerant of fields it does not use. A value of the wrong type is a 400 naming it.
     */
    private AuthRequests.Registration convert(JsonNode body, Class<? extends AuthRequests.Registration> shape) {
        ObjectReader reader = json.readerFor(shape);
        return shape == AuthRequests.Register.class
                ? reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body)
                : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && !value.isNull();
    }
}
