package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MobileEnvelopeTests extends ApiTest {

    @Test
    void theAppsPathsAnswerFailuresInTheAppsEnvelope() {
        Response unauthenticated = api.post("/api/v1/lead/getData", "not-a-token", Map.of()).expect(401);
        assertThat(unauthenticated.body().get("status").asBoolean(true)).isFalse();
        assertThat(unauthenticated.body().get("message").asString()).isNotBlank();
        assertThat(unauthenticated.body().has("success")).isFalse();

        Org org = registerOrganization();
        Response unknown = api.post("/api/v1/callLog/noSuchRoute", org.adminToken(), Map.of()).expect(404);
        assertThat(unknown.body().get("status").asBoolean(true)).isFalse();

    }

    @Test
    void theCanonicalApiKeepsItsOwnErrorEnvelope() {
        Response unauthenticated = api.get("/api/v1/leads", "not-a-token").expect(401);
        assertThat(unauthenticated.body().get("success").asBoolean(true)).isFalse();
        assertThat(unauthenticated.body().get("status").asInt()).isEqualTo(401);
    }
}
