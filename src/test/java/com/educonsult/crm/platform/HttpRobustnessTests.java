package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What any client may send, however wrong, gets a clear 4xx in the error envelope, never a 500. */
class HttpRobustnessTests extends ApiTest {

    @Test
    void malformedJsonIsABadRequest() {
        var response = api.raw("POST", "/api/v1/auth/login", null, "application/json", "{\"email\": ");

        response.expect(400);
        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.body().get("status").asInt()).isEqualTo(400);
        assertThat(response.body().get("title").asString()).isEqualTo("Bad Request");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        Org org = registerOrganization();

        var response = api.raw("POST", "/api/v1/auth/login", null, "application/json",
                "{\"email\": \"a@b.test\", \"password\": \"x\", \"organization_slug\": \"" + org.slug()
                        + "\", \"device_info\": 42}");

        response.expect(400);
        assertThat(response.errorField()).isEqualTo("device_info");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        var response = api.post("/api/v1/auth/login", null, Map.of("email", "a@b.test", "password", "x"));

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("organization_slug");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String huge = "{\"email\": \"" + "a".repeat(2_000_000) + "\"}";

        var response = api.raw("POST", "/api/v1/auth/login", null, "application/json", huge);

        response.expect(413);
        assertThat(response.body().get("success").asBoolean()).isFalse();
    }

    @Test
    void anOversizedChunkedBodyIsRefusedWith413() {
        byte[] chunk = ("{\"email\": \"" + "a".repeat(2_000_000) + "\"}").getBytes();
        var request = api.builder("/api/v1/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk)));

        api.send(request).expect(413);
    }

    @Test
    void aNulCharacterInAValueIsABadRequest() {
        Org org = registerOrganization();

        var response = api.raw("POST", "/api/v1/auth/login", null, "application/json",
                "{\"email\": \"a\\u0000b@c.test\", \"password\": \"x\", \"organization_slug\": \"" + org.slug() + "\"}");

        assertThat(response.status()).isIn(400, 401, 422);
    }

    @Test
    void anUnknownPathIsA404InTheEnvelope() {
        var response = api.get("/api/v1/no-such-thing", null);

        response.expect(404);
        assertThat(response.body().get("success").asBoolean()).isFalse();
    }

    @Test
    void anUnsupportedMethodIs405() {
        api.get("/api/v1/auth/login", null).expect(405);
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        api.raw("POST", "/api/v1/auth/login", null, "text/plain", "hello").expect(415);
    }

    @Test
    void aTamperedTokenIsUnauthorized() {
        Org org = registerOrganization();
        String[] parts = org.adminToken().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        api.get("/api/v1/auth/me", tampered).expect(401);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsUnauthorized() {
        Org org = registerOrganization();
        String payload = org.adminToken().split("\\.")[1];
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes());

        api.get("/api/v1/auth/me", header + "." + payload + ".").expect(401);
    }

    @Test
    void anExpiredTokenIsUnauthorized() throws Exception {
        Org org = registerOrganization();
        var key = java.util.Base64.getDecoder()
                .decode("dGVzdC1zaWduaW5nLWtleS10ZXN0LXNpZ25pbmcta2V5LXRlc3Qtc2lnbmluZy1rZXk=");
        var claims = com.nimbusds.jwt.SignedJWT.parse(org.adminToken()).getJWTClaimsSet();
        var expired = new com.nimbusds.jwt.JWTClaimsSet.Builder(claims)
                .expirationTime(new java.util.Date(System.currentTimeMillis() - 1000)).build();
        var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), expired);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(key));

        api.get("/api/v1/auth/me", jwt.serialize()).expect(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        Org org = registerOrganization();
        var claims = com.nimbusds.jwt.SignedJWT.parse(org.adminToken()).getJWTClaimsSet();
        var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), claims);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner("another-key-another-key-another-key!!".getBytes()));

        api.get("/api/v1/auth/me", jwt.serialize()).expect(401);
    }

    @Test
    void aConfiguredOriginPassesTheCorsPreflight() {
        var preflight = api.send(api.builder("/api/v1/auth/me", null)
                .header("Origin", "https://console.example.test")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.http().headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://console.example.test");
    }

    @Test
    void anUnknownOriginIsRefusedByTheCorsPreflight() {
        var preflight = api.send(api.builder("/api/v1/auth/me", null)
                .header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.http().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void healthIsUpWithTheDatabase() {
        var response = api.get("/actuator/health", null).expect(200);

        assertThat(response.body().get("status").asString()).isEqualTo("UP");
        assertThat(response.body().get("components").has("db")).isTrue();
    }

    @Test
    void prometheusMetricsAreServed() {
        var response = api.get("/actuator/prometheus", null).expect(200);

        assertThat(response.raw()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointsWithTheirPermissions() {
        var response = api.get("/v3/api-docs", null).expect(200);

        assertThat(response.body().get("openapi").asString()).startsWith("3.1");
        var me = response.body().get("paths").get("/api/v1/auth/me").get("get");
        assertThat(me.get("description").asString()).contains("profile:manage");
        assertThat(response.body().get("components").get("securitySchemes").has("bearer")).isTrue();
        assertThat(response.body().get("paths").get("/api/v1/leads").get("get").get("parameters").toString())
                .contains("\"assigned_to\"", "\"not_contacted\"", "\"cursor\"");
    }

    @Test
    void swaggerUiIsAtDocs() {
        var response = api.get("/docs", null);

        assertThat(response.status()).isIn(200, 302);
    }
}
