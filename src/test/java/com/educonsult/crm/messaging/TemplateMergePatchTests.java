package com.educonsult.crm.messaging;

import static com.educonsult.crm.support.MergePatchChecks.assertCleared;
import static com.educonsult.crm.support.MergePatchChecks.assertRefusesNull;
import static com.educonsult.crm.support.MergePatchChecks.clear;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH of message and note templates as JSON Merge Patch. */
class TemplateMergePatchTests extends ApiTest {

    @Test
    void nullClearsAMessageTemplatesSubjectAndTagsWhileAbsentFieldsStay() {
        Org org = registerOrganization();
        String id = api.post("/api/v1/templates/messages", org.adminToken(), Map.of("name", "Brochure follow-up",
                "content", "Hello {{first_name}}", "subject", "Hi", "is_email", true, "tags", List.of("intro")))
                .expect(201).data().get("id").asString();
        String path = "/api/v1/templates/messages/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), "subject", "tags");

        assertCleared(changed, "subject");
        assertThat(changed.get("tags").size()).isZero();
        assertThat(changed.get("content").asString()).isEqualTo("Hello {{first_name}}");
        assertRefusesNull(api, path, org.adminToken(), "name", "category", "is_whatsapp", "is_sms", "is_email",
                "content", "active");
    }

    @Test
    void aNoteTemplateKeepsAbsentFieldsAndRefusesNullOnEachOfItsFields() {
        Org org = registerOrganization();
        String id = api.post("/api/v1/templates/notes", org.adminToken(), Map.of("title", "Visa",
                "content", "Discussed visa", "category", "visa")).expect(201).data().get("id").asString();
        String path = "/api/v1/templates/notes/" + id;

        JsonNode changed = api.patch(path, org.adminToken(), Map.of("title", "Visa call")).expect(200).data();

        assertThat(changed.get("title").asString()).isEqualTo("Visa call");
        assertThat(changed.get("content").asString()).isEqualTo("Discussed visa");
        assertThat(changed.get("category").asString()).isEqualTo("visa");
        assertRefusesNull(api, path, org.adminToken(), "title", "content", "category", "active");
    }
}
