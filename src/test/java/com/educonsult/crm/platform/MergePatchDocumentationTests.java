package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.web.JsonNames;
import com.educonsult.crm.platform.web.RefusesNull;
import com.educonsult.crm.support.ApiTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** Every PATCH of the OpenAPI document is a JSON Merge Patch and says so, naming real fields that refuse null. */
class MergePatchDocumentationTests extends ApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    @Test
    void everyPatchOperationAcceptsMergePatchAndDescribesAbsentNullAndRequiredFields() {
        JsonNode document = api.get("/v3/api-docs", null).expect(200).body();
        JsonNode paths = document.get("paths");
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
        assertThat(patches).hasSize(19);
        assertThat(paths.get("/api/v1/leads/{id}").get("patch").get("description").asString())
                .contains("`first_name`", "`priority`");
    }

    @Test
    void theFieldsThatRefuseNullAreFieldsOfTheRequestBody() {
        handlers.getHandlerMethods().values().stream()
                .filter(method -> method.hasMethodAnnotation(RefusesNull.class))
                .forEach(method -> {
                    Class<?> body = Arrays.stream(method.getMethodParameters())
                            .filter(parameter -> parameter.hasParameterAnnotation(RequestBody.class))
                            .findFirst().orElseThrow().getParameterType();
                    List<String> fields = Arrays.stream(body.getRecordComponents())
                            .map(component -> JsonNames.snakeCase(component.getName())).toList();
                    assertThat(fields).as("the request fields of %s", method)
                            .contains(method.getMethodAnnotation(RefusesNull.class).value());
                });
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
