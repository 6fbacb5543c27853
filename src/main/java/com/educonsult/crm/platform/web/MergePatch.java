package com.educonsult.crm.platform.web;

import com.educonsult.crm.platform.Text;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * What a PATCH body says beside its values, as JSON Merge Patch (RFC 7396) reads it: a field it leaves out stays
 * as it is, a field it sets to null is cleared. The typed values come from the request record; this answers which
 * of the record's nulls clear a field and which mean "not sent". A controller takes it as a parameter after the
 * {@code @RequestBody} it describes.
 */
public final class MergePatch {

    /** The media type of RFC 7396, accepted by every PATCH beside application/json. */
    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private static final MergePatch NULL_KEEPS = new MergePatch(null);

    private final JsonNode body;

    private MergePatch(JsonNode body) {
        this.body = body;
    }

    /** The patch a JSON object states. */
    public static MergePatch of(JsonNode body) {
        return new MergePatch(body != null && body.isObject() ? body : null);
    }

    /** For bodies that are not merge patches (the Android app's routes, imports): null leaves a field as it is. */
    public static MergePatch nullKeeps() {
        return NULL_KEEPS;
    }

    /** Whether the body names the field, with a value or null. */
    public boolean has(String field) {
        return body != null && body.has(field);
    }

    /** Whether the body sets the field to null: the field is to be cleared. */
    public boolean clears(String field) {
        return has(field) && body.get(field).isNull();
    }

    /** Hands the setter the value when one is sent, null when null is sent; nothing when the field is absent. */
    public <T> void apply(String field, T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        } else if (clears(field)) {
            setter.accept(null);
        }
    }

    /** As {@link #apply}, converting a value sent (to a normal form, or 422) before handing it over. */
    public <T, R> void apply(String field, T value, Function<? super T, ? extends R> convert,
            Consumer<? super R> setter) {
        apply(field, value, given -> setter.accept(given == null ? null : convert.apply(given)));
    }

    /** As {@link #apply}, for text: a blank text clears the field as null does, others are trimmed. */
    public void applyText(String field, String value, Consumer<? super String> setter) {
        apply(field, value, given -> setter.accept(Text.blankToNull(given)));
    }

    /** The value sent, null when null is sent, or the current value when the field is absent. */
    public <T> T merge(String field, T value, T current) {
        if (value != null) {
            return value;
        }
        return clears(field) ? null : current;
    }

    /**
     * An object field merged as RFC 7396 merges: each key of the changes replaces the stored one, null removes it,
     * and an object merges into a stored object the same way.
     */
    public static Map<String, Object> mergeObject(Map<String, ?> stored, Map<String, ?> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(stored);
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (value instanceof Map<?, ?> inner && merged.get(key) instanceof Map<?, ?> current) {
                merged.put(key, mergeObject(stringKeys(current), stringKeys(inner)));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Map<String, ?> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    /** 422 naming each of the fields the body sets to null. */
    public void refuseNull(String... fields) {
        List<FieldError> errors = Arrays.stream(fields).filter(this::clears)
                .map(field -> new FieldError(field, "must not be null")).toList();
        if (!errors.isEmpty()) {
            String names = String.join(", ", errors.stream().map(FieldError::field).toList());
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, names + " must not be null", errors);
        }
    }
}
