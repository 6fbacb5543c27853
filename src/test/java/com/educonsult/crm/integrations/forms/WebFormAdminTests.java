package com.educonsult.crm.integrations.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebFormAdminTests extends ApiTest {

    @Test
    void aCreatedFormHasAnUnguessableKeyDefaultFieldsAndMarksWebsiteFormsActive() {
        Org org = registerOrganization();

        JsonNode form = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Landing page", "kind", "website",
                "allowed_origins", List.of("https://www.Example.com/"))).expect(201).data();

        assertThat(form.get("form_key").asString()).matches("[A-Za-z0-9_-]{32}");
        assertThat(form.get("endpoint_url").asString()).endsWith("/webhooks/forms/" + form.get("form_key").asString());
        assertThat(form.get("fields").size()).isGreaterThanOrEqualTo(3);
        assertThat(form.get("allowed_origins").get(0).asString()).isEqualTo("https://www.example.com");
        assertThat(form.get("honeypot_field").asString()).isNotBlank();
        JsonNode integrations = api.get("/api/v1/admin/integrations", org.adminToken()).expect(200).data();
        JsonNode websiteForms = null;
        for (JsonNode integration : integrations) {
            if (integration.get("type").asString().equals("website_forms")) {
                websiteForms = integration;
            }
        }
        assertThat(websiteForms.get("status").asString()).isEqualTo("connected");
        assertThat(api.get("/api/v1/admin/integrations/forms", org.adminToken()).expect(200).data()).hasSize(1);
    }

    @Test
    void captchaSecretsAndGoogleKeysAreNeverReturned() {
        Org org = registerOrganization();

        JsonNode website = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "With captcha", "kind", "website", "captcha_provider", "turnstile",
                "captcha_site_key", "site-key-1", "captcha_secret_key", "very-secret-value")).expect(201).data();
        JsonNode google = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Google", "kind", "google_ads")).expect(201).data();

        assertThat(website.toString()).doesNotContain("very-secret-value");
        assertThat(website.get("captcha_secret_set").asBoolean()).isTrue();
        assertThat(google.get("google_key").asString()).as("shown once, on creation").hasSizeGreaterThan(20);
        JsonNode again = api.get("/api/v1/admin/integrations/forms/" + google.get("id").asString(), org.adminToken())
                .expect(200).data();
        assertThat(again.get("google_key").isNull()).isTrue();
        assertThat(again.get("google_key_set").asBoolean()).isTrue();
    }

    @Test
    void invalidFormsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        String token = org.adminToken();

        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("kind", "website")).expect(422)
                .errorField()).isEqualTo("name");
        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("name", "X", "kind", "fax")).expect(422)
                .errorField()).isEqualTo("kind");
        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("name", "X", "kind", "website",
                "fields", List.of(Map.of("name", "n", "label", "Name", "type", "text", "maps_to", "shoe_size"))))
                .expect(422).errorField()).isEqualTo("fields[0].maps_to");
        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("name", "X", "kind", "website",
                "allowed_origins", List.of("example.com/path"))).expect(422).errorField())
                .isEqualTo("allowed_origins[0]");
        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("name", "X", "kind", "website",
                "captcha_provider", "hcaptcha", "captcha_site_key", "k")).expect(422).errorField())
                .isEqualTo("captcha_secret_key");
        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("name", "X", "kind", "portal",
                "field_mapping", Map.of("lead..phone", "phone"))).expect(422).errorField())
                .isEqualTo("field_mapping.lead..phone");
        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("name", "X", "kind", "website",
                "thank_you_url", "javascript:alert(1)")).expect(422).errorField()).isEqualTo("thank_you_url");
        assertThat(api.post("/api/v1/admin/integrations/forms", token, Map.of("name", "X", "kind", "website",
                "surprise", true)).expect(422).errorField()).isEqualTo("surprise");
    }

    @Test
    void aFormIsChangedByMergePatchAndItsKindStays() {
        Org org = registerOrganization();
        JsonNode form = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Old", "kind", "website", "thank_you_message", "Thanks")).expect(201).data();
        String path = "/api/v1/admin/integrations/forms/" + form.get("id").asString();

        java.util.Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("name", "New");
        patch.put("thank_you_message", null);
        patch.put("active", false);
        JsonNode changed = api.patch(path, org.adminToken(), patch).expect(200).data();

        assertThat(changed.get("name").asString()).isEqualTo("New");
        assertThat(changed.get("thank_you_message").isNull()).isTrue();
        assertThat(changed.get("active").asBoolean()).isFalse();
        assertThat(changed.get("fields")).isEqualTo(form.get("fields"));
        assertThat(api.patch(path, org.adminToken(), Map.of("kind", "portal")).expect(422).errorField())
                .isEqualTo("kind");
    }

    @Test
    void anotherOrganizationsFormIsNotFound() {
        Org owner = registerOrganization();
        Org other = registerOrganization();
        String id = api.post("/api/v1/admin/integrations/forms", owner.adminToken(), Map.of(
                "name", "Mine", "kind", "website")).expect(201).data().get("id").asString();
        String path = "/api/v1/admin/integrations/forms/" + id;

        api.get(path, other.adminToken()).expect(404);
        api.patch(path, other.adminToken(), Map.of("name", "Stolen")).expect(404);
        api.get(path + "/submissions", other.adminToken()).expect(404);
        api.post(path + "/rotate-key", other.adminToken(), Map.of()).expect(404);
        api.delete(path, other.adminToken()).expect(404);
        assertThat(api.get("/api/v1/admin/integrations/forms", other.adminToken()).expect(200).data()).isEmpty();
        api.get(path, owner.adminToken()).expect(200);
    }

    @Test
    void withoutTheSettingsPermissionFormsAreForbidden() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        api.get("/api/v1/admin/integrations/forms", counselor.token()).expect(403);
        api.post("/api/v1/admin/integrations/forms", counselor.token(), Map.of("name", "X", "kind", "website"))
                .expect(403);
    }

    @Test
    void aRotatedKeyStopsTheOldEndpoint() {
        Org org = registerOrganization();
        JsonNode form = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Rotating", "kind", "website")).expect(201).data();
        String oldKey = form.get("form_key").asString();

        JsonNode rotated = api.post("/api/v1/admin/integrations/forms/" + form.get("id").asString() + "/rotate-key",
                org.adminToken(), Map.of()).expect(200).data();

        assertThat(rotated.get("form_key").asString()).isNotEqualTo(oldKey);
        api.post("/webhooks/forms/" + oldKey, null, Map.of("name", "Asha", "phone", "+919876543210")).expect(404);
        api.post("/webhooks/forms/" + rotated.get("form_key").asString(), null,
                Map.of("name", "Asha", "phone", "+919876543210")).expect(200);
    }

    @Test
    void theSnippetScriptIsServedAsCacheableJavaScriptWithTheFormsSettingsAsData() {
        Org org = registerOrganization();
        JsonNode form = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Evil </script><script>alert(1)</script>", "kind", "website")).expect(201).data();

        var script = api.get("/forms/" + form.get("form_key").asString() + ".js", null).expect(200);

        assertThat(script.http().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/javascript"));
        assertThat(script.http().headers().firstValue("Cache-Control")).hasValueSatisfying(cache ->
                assertThat(cache).contains("max-age=300").contains("public"));
        assertThat(script.raw()).contains("data-educonsult-form").contains(form.get("form_key").asString())
                .doesNotContain("</script>").doesNotContain("eval(").doesNotContain("__CONFIG__");
        api.get("/forms/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.js", null).expect(404);
    }

    @Test
    void disconnectingWebsiteFormsPausesTheOrganizationsWebsiteForms() {
        Org org = registerOrganization();
        JsonNode form = api.post("/api/v1/admin/integrations/forms", org.adminToken(), Map.of(
                "name", "Paused by disconnect", "kind", "website")).expect(201).data();

        api.delete("/api/v1/admin/integrations/website_forms/disconnect", org.adminToken()).expect(200);

        assertThat(api.get("/api/v1/admin/integrations/forms/" + form.get("id").asString(), org.adminToken())
                .expect(200).data().get("active").asBoolean()).isFalse();
        api.post("/webhooks/forms/" + form.get("form_key").asString(), null,
                Map.of("name", "Late", "phone", "+919876543211")).expect(404);
    }
}
