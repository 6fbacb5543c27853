package com.educonsult.crm.integrations.forms;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.WEB_FORM_SUBMISSIONS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebFormSubmissionTests extends ApiTest {

    private static final String SITE = "https://www.school.example";

    private JsonNode form(Org org, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Landing " + unique("f"), "kind", "website",
                "allowed_origins", List.of(SITE)));
        body.putAll(fields);
        return api.post("/api/v1/admin/integrations/forms", org.adminToken(), body).expect(201).data();
    }

    private static String path(JsonNode form) {
        return "/webhooks/forms/" + form.get("form_key").asString();
    }

    private LeadsRecord lead(Org org, UUID id) {
        return tenancy.callAs(org.id(), () -> db.selectFrom(LEADS).where(LEADS.ID.eq(id)).fetchOne());
    }

    private int leadCount(Org org) {
        return tenancy.callAs(org.id(), () -> db.fetchCount(LEADS));
    }

    private int submissionCount(Org org) {
        return tenancy.callAs(org.id(), () -> db.fetchCount(WEB_FORM_SUBMISSIONS));
    }

    private static String phone() {
        return "+9198" + String.format("%08d", (System.nanoTime() / 1000) % 100_000_000L);
    }

    @Test
    void aJsonSubmissionCreatesALeadWithItsUtmPageReferrerAndConsent() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of());
        String phone = phone();

        JsonNode data = api.send(api.builder(path(form), null).header("Content-Type", "application/json")
                .header("Origin", SITE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "name", "Asha Rao", "phone", phone, "email", "asha@example.com",
                        "message", "MBA in Canada", "consent", true, "page_url", SITE + "/mba?utm_source=google",
                        "referrer", "https://www.google.com/", "utm_source", "google", "utm_medium", "cpc",
                        "utm_campaign", "mba-2026")))), "{}").expect(200).data();

        LeadsRecord lead = lead(org, UUID.fromString(data.get("lead_id").asString()));
        assertThat(lead.getFirstName()).isEqualTo("Asha");
        assertThat(lead.getLastName()).isEqualTo("Rao");
        assertThat(lead.getEmail()).isEqualTo("asha@example.com");
        assertThat(lead.getPlatform()).isEqualTo("website");
        assertThat(lead.getUtmSource()).isEqualTo("google");
        assertThat(lead.getUtmCampaign()).isEqualTo("mba-2026");
        assertThat(lead.getPageUrl()).isEqualTo(SITE + "/mba?utm_source=google");
        assertThat(lead.getConsentAt()).isNotNull();
        assertThat(lead.getSourceDetails()).contains("Message: MBA in Canada").contains("Referrer: https://www.google.com/");
        JsonNode submissions = api.get("/api/v1/admin/integrations/forms/" + form.get("id").asString()
                + "/submissions", org.adminToken()).expect(200).data();
        assertThat(submissions.get(0).get("status").asString()).isEqualTo("accepted");
        assertThat(submissions.get(0).get("lead_created").asBoolean()).isTrue();
        JsonNode logs = api.get("/api/v1/integration-logs?type=website_forms", org.adminToken()).expect(200).data();
        assertThat(logs.get(0).get("lead_id").asString()).isEqualTo(data.get("lead_id").asString());
    }

    @Test
    void aBrowserFormPostIsStoredAndSentOnToTheThankYouPage() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of("thank_you_url", SITE + "/thanks"));
        String phone = phone();

        var response = api.send(api.builder(path(form), null)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .header("Origin", SITE)
                .POST(HttpRequest.BodyPublishers.ofString("name=Ravi+Kumar&phone=" + phone.replace("+", "%2B")
                        + "&email=ravi%40example.com&utm_source=newsletter&consent=on")));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.http().headers().firstValue("Location")).contains(SITE + "/thanks");
        LeadsRecord lead = tenancy.callAs(org.id(), () -> db.selectFrom(LEADS).where(LEADS.EMAIL.eq("ravi@example.com"))
                .fetchOne());
        assertThat(lead.getFirstName()).isEqualTo("Ravi");
        assertThat(lead.getUtmSource()).isEqualTo("newsletter");
        assertThat(lead.getConsentAt()).isNotNull();
    }

    @Test
    void theSeedWebsiteBodyWithAnswersAndUtmIsAcceptedOnAFormKey() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of("fields", List.of()));

        JsonNode data = api.post(path(form), null, Map.of(
                "platform", "website", "entity_id", 1, "page_url", "https://example.com/landing-page",
                "page_id", "landing_page_001",
                "utm", Map.of("source", "google", "medium", "cpc", "campaign", "summer_sale"),
                "answers", Map.of("email", "user@example.com", "phone", "+15551234567", "first_name", "John",
                        "last_name", "Doe"))).expect(200).data();

        LeadsRecord lead = lead(org, UUID.fromString(data.get("lead_id").asString()));
        assertThat(lead.getFirstName()).isEqualTo("John");
        assertThat(lead.getLastName()).isEqualTo("Doe");
        assertThat(lead.getPhone()).isEqualTo("+15551234567");
        assertThat(lead.getUtmMedium()).isEqualTo("cpc");
        assertThat(lead.getUtmCampaign()).isEqualTo("summer_sale");
        assertThat(lead.getPageId()).isEqualTo("landing_page_001");
        assertThat(lead.getPageUrl()).isEqualTo("https://example.com/landing-page");
    }

    @Test
    void aRepeatSubmissionWithTheSamePhoneUpdatesTheExistingLead() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of());
        String phone = phone();

        String first = api.post(path(form), null, Map.of("name", "Meera", "phone", phone)).expect(200).data()
                .get("lead_id").asString();
        String second = api.post(path(form), null, Map.of("name", "Meera", "phone", phone,
                "email", "meera@example.com")).expect(200).data().get("lead_id").asString();

        assertThat(second).isEqualTo(first);
        assertThat(leadCount(org)).isEqualTo(1);
        assertThat(lead(org, UUID.fromString(first)).getEmail()).isEqualTo("meera@example.com");
    }

    @Test
    void fieldsAreMappedByTheFormsNamesAndARefusalNamesTheFieldAsSent() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of("fields", List.of(
                Map.of("name", "your-name", "label", "Your name", "type", "text", "required", true,
                        "maps_to", "full_name"),
                Map.of("name", "mobile", "label", "Mobile", "type", "tel", "required", true, "maps_to", "phone"),
                Map.of("name", "course", "label", "Course", "type", "select", "options", List.of("MBA", "MS"))),
                "field_mapping", Map.of("city_name", "city")));

        api.post(path(form), null, Map.of("your-name", "Kiran")).expect(422);
        assertThat(api.post(path(form), null, Map.of("your-name", "Kiran", "mobile", "not a phone"))
                .expect(422).errorField()).isEqualTo("mobile");
        JsonNode data = api.post(path(form), null, Map.of("your-name", "Kiran Shah", "mobile", phone(),
                "course", "MBA", "city_name", "Pune")).expect(200).data();

        LeadsRecord lead = lead(org, UUID.fromString(data.get("lead_id").asString()));
        assertThat(lead.getCity()).isEqualTo("Pune");
        assertThat(lead.getSourceDetails()).contains("Course: MBA");
        JsonNode submissions = api.get("/api/v1/admin/integrations/forms/" + form.get("id").asString()
                + "/submissions", org.adminToken()).expect(200).data();
        assertThat(submissions.findValuesAsString("status")).contains("refused", "accepted");
    }

    @Test
    void malformedWrongTypeAndOversizedBodiesAreRefusedAndNothingIsStored() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of());

        api.raw("POST", path(form), null, "application/json", "{\"name\": ").expect(400);
        api.raw("POST", path(form), null, "application/json", "[1, 2]").expect(400);
        api.raw("POST", path(form), null, "text/plain", "name=x").expect(415);
        api.raw("POST", path(form), null, "application/x-www-form-urlencoded", "name=%zz").expect(400);
        api.raw("POST", path(form), null, "application/json",
                "{\"name\": \"" + "x".repeat(70_000) + "\"}").expect(413);
        assertThat(api.raw("POST", path(form), null, "application/json", "{\"name\": {\"deep\": [1]}, \"phone\": \"+919876500001\"}")
                .expect(422).errorField()).isEqualTo("name");
        api.raw("POST", path(form), null, "application/json", "{\"name\": \"A\", \"phone\": [[]]}").expect(422);

        assertThat(leadCount(org)).isZero();
    }

    @Test
    void anUnknownKeyAndAnInactiveFormAreNotFound() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of());
        api.patch("/api/v1/admin/integrations/forms/" + form.get("id").asString(), org.adminToken(),
                Map.of("active", false)).expect(200);

        api.post("/webhooks/forms/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, Map.of("name", "X")).expect(404);
        api.post("/webhooks/forms/short", null, Map.of("name", "X")).expect(404);
        api.post(path(form), null, Map.of("name", "X", "phone", phone())).expect(404);
        assertThat(leadCount(org)).isZero();
    }

    @Test
    void aDisallowedOriginIsRefusedWithoutCorsHeadersAndAnAllowedOneIsAnswered() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of());

        var refusedPreflight = api.send(api.builder(path(form), null).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        var allowedPreflight = api.send(api.builder(path(form), null).header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        var refused = api.send(api.builder(path(form), null).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"X\",\"phone\":\"" + phone() + "\"}")));
        var allowed = api.send(api.builder(path(form), null).header("Origin", SITE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Y\",\"phone\":\"" + phone() + "\"}")));

        assertThat(refusedPreflight.status()).isEqualTo(403);
        assertThat(refusedPreflight.http().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(allowedPreflight.status()).isEqualTo(200);
        assertThat(allowedPreflight.http().headers().firstValue("Access-Control-Allow-Origin")).contains(SITE);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.http().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.http().headers().firstValue("Access-Control-Allow-Origin")).contains(SITE);
        assertThat(leadCount(org)).isEqualTo(1);
    }

    @Test
    void aFilledHoneypotIsAnsweredAsAcceptedButNothingIsStored() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of("honeypot_field", "fax_number"));

        JsonNode answer = api.post(path(form), null, Map.of("name", "Bot", "phone", phone(),
                "fax_number", "http://spam.example")).expect(200).body();

        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("data").get("lead_id").isNull()).isFalse();
        assertThat(leadCount(org)).isZero();
        assertThat(submissionCount(org)).isZero();
        JsonNode logs = api.get("/api/v1/integration-logs?type=website_forms", org.adminToken()).expect(200).data();
        assertThat(logs.get(0).get("error").asString()).contains("honeypot");
    }

    @Test
    void aCaptchaTokenIsCheckedWithTheProviderWhenTheFormHasOne() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of("captcha_provider", "turnstile", "captcha_site_key", "1x00000000000000000000AA",
                "captcha_secret_key", "captcha-secret-" + org.slug()));
        String good = unique("good-token");
        String bad = unique("bad-token");
        FakeProviders.server().stubFor(post(urlEqualTo("/turnstile/siteverify"))
                .withRequestBody(containing("response=" + good))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": true}")));
        FakeProviders.server().stubFor(post(urlEqualTo("/turnstile/siteverify"))
                .withRequestBody(containing("response=" + bad))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}")));

        assertThat(api.post(path(form), null, Map.of("name", "A", "phone", phone())).expect(422).errorField())
                .isEqualTo("cf-turnstile-response");
        assertThat(api.post(path(form), null, Map.of("name", "A", "phone", phone(), "cf-turnstile-response", bad))
                .expect(422).errorField()).isEqualTo("cf-turnstile-response");
        assertThat(leadCount(org)).isZero();
        api.post(path(form), null, Map.of("name", "A", "phone", phone(), "cf-turnstile-response", good)).expect(200);
        assertThat(leadCount(org)).isEqualTo(1);
        JsonNode outbound = api.get("/api/v1/integration-logs?direction=outbound", org.adminToken()).expect(200).data();
        assertThat(outbound.toString()).doesNotContain("captcha-secret-");
    }

    @Test
    void anHCaptchaTokenIsCheckedTooAndAnUnreachableProviderAsksTheVisitorToSendAgain() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of("captcha_provider", "hcaptcha", "captcha_site_key", "10000000-ffff",
                "captcha_secret_key", "0x0000000000000000000000000000000000000000"));
        String good = unique("h-good");
        String broken = unique("h-broken");
        FakeProviders.server().stubFor(post(urlEqualTo("/hcaptcha/siteverify"))
                .withRequestBody(containing("response=" + good))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"success\":true}")));
        FakeProviders.server().stubFor(post(urlEqualTo("/hcaptcha/siteverify"))
                .withRequestBody(containing("response=" + broken))
                .willReturn(aResponse().withStatus(500)));

        api.post(path(form), null, Map.of("name", "A", "phone", phone(), "h-captcha-response", broken)).expect(503);
        assertThat(leadCount(org)).isZero();
        api.post(path(form), null, Map.of("name", "A", "phone", phone(), "h-captcha-response", good)).expect(200);
        assertThat(leadCount(org)).isEqualTo(1);
    }

    @Test
    void overTheFormsRateLimitASubmissionIsRefusedWith429AndRetryAfter() {
        Org org = registerOrganization();
        JsonNode form = form(org, Map.of("rate_limit_per_ip", 2));

        api.post(path(form), null, Map.of("name", "A", "phone", phone())).expect(200);
        api.post(path(form), null, Map.of("name", "B", "phone", phone())).expect(200);
        var limited = api.post(path(form), null, Map.of("name", "C", "phone", phone())).expect(429);

        assertThat(limited.http().headers().firstValue("Retry-After")).isPresent();
        assertThat(leadCount(org)).isEqualTo(2);
    }
}
