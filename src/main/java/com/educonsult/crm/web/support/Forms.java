package com.educonsult.crm.web.support;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.JsonNames;
import com.educonsult.crm.platform.web.MergePatch;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a submitted form into the same request record the API reads from JSON, checked by the same constraints, so
 * a page cannot accept what the API refuses. Errors come back keyed by the API's field names, which are also the
 * form controls' names.
 */
@Component
public class Forms {

    /** A form read into a request, or the messages to show beside its fields. */
    public record Read<T>(T request, MergePatch patch, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final JsonMapper json;
    private final Validator validator;

    Forms(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * Reads the named fields of the form (an empty text clears a field, as null does in a merge patch); fields in
     * {@code lists} are comma-separated lists.
     */
    public <T> Read<T> read(MultiValueMap<String, String> form, Class<T> type, List<String> fields, Set<String> lists) {
        ObjectNode body = json.createObjectNode();
        for (String field : fields) {
            if (!form.containsKey(field)) {
                continue;
            }
            String value = form.getFirst(field) == null ? "" : form.getFirst(field).trim();
            if (value.isEmpty()) {
                body.putNull(field);
            } else if (lists.contains(field)) {
                var array = body.putArray(field);
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        array.add(item.trim());
                    }
                }
            } else {
                body.put(field, value);
            }
        }
        return read(body, type);
    }

    public <T> Read<T> read(JsonNode body, Class<T> type) {
        T request;
        try {
            request = json.treeToValue(body, type);
        } catch (JacksonException wrongType) {
            String field = wrongType.getPath().isEmpty() ? "form" : wrongType.getPath().getLast().getPropertyName();
            return new Read<>(null, null, Map.of(field == null ? "form" : field, "has the wrong format"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            errors.putIfAbsent(JsonNames.snakeCase(violation.getPropertyPath().toString().replaceAll("\\[.*", "")),
                    violation.getMessage());
        }
        return new Read<>(request, MergePatch.of(body), errors);
    }

    /** A JSON object of the non-blank values, for requests a page assembles itself. */
    public JsonNode json(Map<String, String> values) {
        ObjectNode body = json.createObjectNode();
        values.forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                body.put(field, value.trim());
            }
        });
        return body;
    }

    /** A JSON object of the values as they are (lists stay lists, nulls are left out). */
    public JsonNode jsonOf(Map<String, Object> values) {
        ObjectNode body = json.createObjectNode();
        values.forEach((field, value) -> {
            if (value != null) {
                body.set(field, json.valueToTree(value));
            }
        });
        return body;
    }

    /** The constraint messages of a request record, by the API's field names; empty when it is valid. */
    public <T> Map<String, String> check(T request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            errors.putIfAbsent(JsonNames.snakeCase(violation.getPropertyPath().toString()), violation.getMessage());
        }
        return errors;
    }

    /** The messages of a refusal by a service, by field; a refusal naming no field is shown as the form's. */
    public static Map<String, String> errorsOf(ApiException refused) {
        Map<String, String> errors = new LinkedHashMap<>();
        refused.errors().forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        if (errors.isEmpty()) {
            errors.put("form", refused.getMessage());
        }
        return errors;
    }
}
