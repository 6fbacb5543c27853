package com.educonsult.crm.messaging.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** A fake WhatsApp Cloud API (WireMock, paths unique to each test's phone number) and signed webhook deliveries. */
final class WhatsAppFakes {

    static final String BASE = "/whatsapp/v21.0";
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private static final AtomicLong SEQUENCE = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L));

    /** An organization's WhatsApp connection as the test made it. */
    record Number(String phoneNumberId, String wabaId, String token, String appSecret, String verifyToken) {
    }

    private WhatsAppFakes() {
    }

    static String id() {
        return String.valueOf(100_000_000_000L + SEQUENCE.incrementAndGet());
    }

    static Number connect(ApiTest.Api api, String adminToken) {
        Number number = new Number(id(), id(), "token-" + id(), "secret-" + id(), "verify-" + id());
        api.post("/api/v1/admin/integrations/whatsapp/connect", adminToken, Map.of("credentials", Map.of(
                "phone_number_id", number.phoneNumberId(), "waba_id", number.wabaId(), "access_token",
                number.token(), "app_secret", number.appSecret(), "verify_token", number.verifyToken())))
                .expect(200);
        return number;
    }

    static String inbound(Number number, String from, String name, String wamid, String text, Instant at) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(number.wabaId(), number.phoneNumberId(), name, from, from, wamid, at.getEpochSecond(),
                text);
    }

    static String status(Number number, String wamid, String status, Instant at) {
        String errors = "failed".equals(status)
                ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]" : "";
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"919800000000"%s}]}}]}]}
                """.formatted(number.wabaId(), number.phoneNumberId(), wamid, status, at.getEpochSecond(), errors);
    }

    static String signature(String body, String secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiTest.Response deliver(ApiTest.Api api, String body, String signature) {
        HttpRequest.Builder request = api.builder("/webhooks/whatsapp", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return api.send(request, body);
    }

    /** The Cloud API accepts messages from the number and answers this WhatsApp id. */
    static void acceptsMessages(Number number, String wamid) {
        FakeProviders.server().stubFor(post(urlPathEqualTo(BASE + "/" + number.phoneNumberId() + "/messages"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                        + "\"messages\":[{\"id\":\"" + wamid + "\"}]}")));
    }

    static void refusesMessages(Number number, int status, String body) {
        FakeProviders.server().stubFor(post(urlPathEqualTo(BASE + "/" + number.phoneNumberId() + "/messages"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static void answersSlowly(Number number) {
        FakeProviders.server().stubFor(post(urlPathEqualTo(BASE + "/" + number.phoneNumberId() + "/messages"))
                .willReturn(okJson("{}").withFixedDelay(9000)));
    }

    static void templates(Number number, List<Map<String, Object>> templates) {
        String data = JSON.writeValueAsString(Map.of("data", templates, "paging",
                Map.of("cursors", Map.of("before", "a", "after", "b"))));
        FakeProviders.server().stubFor(get(urlPathEqualTo(BASE + "/" + number.wabaId() + "/message_templates"))
                .willReturn(okJson(data)));
    }

    static Map<String, Object> template(String name, String status, String body) {
        return Map.of("id", id(), "name", name, "language", "en", "status", status, "category", "UTILITY",
                "components", List.of(Map.of("type", "BODY", "text", body)));
    }
}
