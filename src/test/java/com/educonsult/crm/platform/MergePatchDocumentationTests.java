package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every PATCH of the OpenAPI document is a JSON Merge Patch, and says so. */
class MergePatchDocumentationTests extends ApiTest {

    @Test
    void everyPatchOperationAcceptsMergePatchAndDescribesAbsentNullAndRequiredFields() {
        JsonNode paths = api.get("/v3/api-docs", null).expect(200).body().get("paths");
        List<String> patches = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            JsonNode patch = path.getValue().get("patch");
            if (patch == null) {
                continue;
            }
            patches.add(path.getKey());
            JsonNode content = patch.get("requestBody").get("content");
            assertThat(content.has("application/json")).as(path.getKey()).isTrue();
            assertThat(content.get("application/merge-patch+json").get("schema"))
                    .as(path.getKey()).isEqualTo(content.get("application/json").get("schema"));
            assertThat(patch.get("description").asString()).as(path.getKey())
                    .contains("JSON Merge Patch (RFC 7396)", "a field left out stays as it is", "null is cleared",
                            "null on them answers 422");
            JsonNode parameters = patch.get("parameters");
            if (parameters != null) {
                parameters.forEach(p -> assertThat(p.get("in").asString()).as(path.getKey()).isEqualTo("path"));
            }
        }
        assertThat(patches).hasSize(15);
        assertThat(paths.get("/api/v1/leads/{id}").get("patch").get("description").asString())
                .contains("`first_name`", "`priority`");
    }

    @Test
    void aPatchSentAsApplicationJsonReadsNullAsClearingToo() {
        Org org = registerOrganization();
        api.patch("/api/v1/organization", org.adminToken(), Map.of("city", "Pune")).expect(200);

        JsonNode changed = api.raw("PATCH", "/api/v1/organization", org.adminToken(), "application/json",
                "{\"city\": null}").expect(200).data();

        assertThat(changed.get("city").isNull()).isTrue();
    }
}
