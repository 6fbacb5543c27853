package com.educonsult.crm.integrations.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.educonsult.crm.support.FakeProviders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta as the tests see it: the fake Graph API's answers for a page of one test (ids made per test, so tests never
 * see each other's stubs), and deliveries signed as Meta signs them.
 */
public final class MetaFakes {

    public static final String APP_SECRET = "test-meta-app-secret";
    public static final String VERIFY_TOKEN = "test-meta-verify-token";
    public static final String GRAPH = "/graph/v21.0";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong SEQUENCE = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L));

    private MetaFakes() {
    }

    /** A numeric id no other test uses, as Meta's ids are. */
    public static String id() {
        return "9" + String.format("%014d", SEQUENCE.incrementAndGet()) + ThreadLocalRandom.current().nextInt(10, 99);
    }

    /** A page of one test: its id, name, token, one lead form, and the user token that manages it. */
    public record FakePage(String pageId, String name, String pageToken, String userToken, String formId) {
    }

    /**
     * Stubs what connecting needs: the long-lived token exchange, /me/accounts, the page's subscription and its
     * lead form (questions: full name, phone, email, city and a custom "Which course?").
     */
    public static FakePage page(String name) {
        String pageId = id();
        String formId = id();
        String userToken = "user-token-" + pageId;
        String pageToken = "page-token-" + pageId;
        var server = FakeProviders.server();
        server.stubFor(get(urlPathEqualTo(GRAPH + "/oauth/access_token"))
                .withQueryParam("fb_exchange_token", equalTo(userToken))
                .willReturn(okJson("{\"access_token\":\"" + userToken + "-long\",\"token_type\":\"bearer\"}")));
        server.stubFor(get(urlPathEqualTo(GRAPH + "/me/accounts"))
                .withHeader("Authorization", equalTo("Bearer " + userToken + "-long"))
                .willReturn(okJson("{\"data\":[{\"id\":\"" + pageId + "\",\"name\":\"" + name
                        + "\",\"category\":\"Education\",\"access_token\":\"" + pageToken + "\"}]}")));
        server.stubFor(post(urlPathEqualTo(GRAPH + "/" + pageId + "/subscribed_apps"))
                .withQueryParam("subscribed_fields", equalTo("leadgen"))
                .withHeader("Authorization", equalTo("Bearer " + pageToken))
                .willReturn(okJson("{\"success\":true}")));
        server.stubFor(get(urlPathEqualTo(GRAPH + "/" + pageId + "/leadgen_forms"))
                .withHeader("Authorization", equalTo("Bearer " + pageToken))
                .willReturn(okJson("{\"data\":[{\"id\":\"" + formId + "\",\"name\":\"Study abroad 2027\","
                        + "\"status\":\"ACTIVE\",\"questions\":["
                        + "{\"key\":\"full_name\",\"label\":\"Full name\",\"type\":\"FULL_NAME\"},"
                        + "{\"key\":\"phone_number\",\"label\":\"Phone number\",\"type\":\"PHONE\"},"
                        + "{\"key\":\"email\",\"label\":\"Email\",\"type\":\"EMAIL\"},"
                        + "{\"key\":\"city\",\"label\":\"City\",\"type\":\"CITY\"},"
                        + "{\"key\":\"which_course\",\"label\":\"Which course?\",\"type\":\"CUSTOM\"}]}]}")));
        return new FakePage(pageId, name, pageToken, userToken, formId);
    }

    /** The Graph API's answer for a lead of the page's form. */
    public static void lead(FakePage page, String leadgenId, String fullName, String phone, String email,
            String city, String course) {
        lead(page, leadgenId, fullName, phone, email, city, course, null);
    }

    public static void lead(FakePage page, String leadgenId, String fullName, String phone, String email,
            String city, String course, String platform) {
        lead(page, leadgenId, fullName, phone, email, city, course, platform, 0);
    }

    /** The lead, answered after a delay. */
    public static void lead(FakePage page, String leadgenId, String fullName, String phone, String email,
            String city, String course, String platform, int delayMillis) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(Map.of("name", "full_name", "values", List.of(fullName)));
        fields.add(Map.of("name", "phone_number", "values", List.of(phone)));
        fields.add(Map.of("name", "email", "values", List.of(email)));
        fields.add(Map.of("name", "city", "values", List.of(city)));
        fields.add(Map.of("name", "which_course", "values", List.of(course)));
        Map<String, Object> lead = new java.util.LinkedHashMap<>(Map.of("id", leadgenId,
                "created_time", "2026-11-20T10:15:30+0000", "ad_id", "6001" + leadgenId.substring(4),
                "campaign_id", "6002" + leadgenId.substring(4), "form_id", page.formId(), "field_data", fields));
        if (platform != null) {
            lead.put("platform", platform);
        }
        FakeProviders.server().stubFor(get(urlPathEqualTo(GRAPH + "/" + leadgenId))
                .withHeader("Authorization", equalTo("Bearer " + page.pageToken()))
                .willReturn(okJson(JSON.writeValueAsString(lead)).withFixedDelay(delayMillis)));
    }

    /** The Graph API failing for a lead: an HTTP status with Meta's error, or no answer in time. */
    public static void leadFails(String leadgenId, int status, int delayMillis) {
        FakeProviders.server().stubFor(get(urlPathEqualTo(GRAPH + "/" + leadgenId))
                .willReturn(aResponse().withStatus(status).withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Unsupported get request (test)\",\"type\":"
                                + "\"GraphMethodException\",\"code\":100}}")));
    }

    /** A delivery as Meta sends it: one entry per page, one leadgen change per lead id. */
    public static String delivery(String pageId, String formId, String... leadgenIds) {
        return platformDelivery(pageId, formId, null, leadgenIds);
    }

    public static String platformDelivery(String pageId, String formId, String platform, String... leadgenIds) {
        List<Map<String, Object>> changes = new ArrayList<>();
        for (String leadgenId : leadgenIds) {
            Map<String, Object> value = new java.util.LinkedHashMap<>();
            value.put("leadgen_id", leadgenId);
            value.put("page_id", pageId);
            value.put("form_id", formId);
            value.put("ad_id", "6001" + leadgenId.substring(4));
            value.put("adgroup_id", "6003" + leadgenId.substring(4));
            value.put("created_time", 1763633730L);
            if (platform != null) {
                value.put("platform", platform);
            }
            changes.add(Map.of("field", "leadgen", "value", value));
        }
        return JSON.writeValueAsString(Map.of("object", "page", "entry", List.of(Map.of("id", pageId,
                "time", 1763633731L, "changes", changes))));
    }

    /** X-Hub-Signature-256 of the body as Meta computes it. */
    public static String signature(String body) {
        return signature(body.getBytes(StandardCharsets.UTF_8), APP_SECRET);
    }

    public static String signature(byte[] body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(MetaInbox.sign(body, secret));
    }
}
