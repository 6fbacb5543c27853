package com.educonsult.crm.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest.Api;
import com.educonsult.crm.support.ApiTest.Response;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** PATCH requests sent as JSON Merge Patch (application/merge-patch+json), and what every PATCH must answer. */
public final class MergePatchChecks {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private MergePatchChecks() {
    }

    /** PATCHes the body with the merge-patch media type. */
    public static Response mergePatch(Api api, String path, String token, JsonNode body) {
        return api.raw("PATCH", path, token, MEDIA_TYPE, ApiTest.JSON.writeValueAsString(body));
    }

    /** PATCHes null into each field (and the given values), expects 200 and answers the resource. */
    public static JsonNode clear(Api api, String path, String token, List<String> nullFields, Map<String, ?> values) {
        ObjectNode body = ApiTest.JSON.valueToTree(values);
        nullFields.forEach(body::putNull);
        return mergePatch(api, path, token, body).expect(200).data();
    }

    /** PATCHes null into each field and expects 200 with the resource. */
    public static JsonNode clear(Api api, String path, String token, String... nullFields) {
        return clear(api, path, token, List.of(nullFields), Map.of());
    }

    /** Each field sent as null alone answers 422 naming it. */
    public static void assertRefusesNull(Api api, String path, String token, String... fields) {
        for (String field : fields) {
            ObjectNode body = ApiTest.JSON.createObjectNode().putNull(field);
            Response refused = mergePatch(api, path, token, body).expect(422);
            assertThat(refused.errorField()).as("the field named by a 422 for null %s", field).isEqualTo(field);
        }
    }

    /** The field is null (or absent) in the answer. */
    public static void assertCleared(JsonNode resource, String... fields) {
        for (String field : fields) {
            JsonNode value = resource.get(field);
            assertThat(value == null || value.isNull()).as("%s cleared, was %s", field, value).isTrue();
        }
    }
}
