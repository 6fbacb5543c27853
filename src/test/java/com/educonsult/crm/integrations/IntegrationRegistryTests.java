package com.educonsult.crm.integrations;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;
import static com.educonsult.crm.jooq.Tables.INTEGRATION_CONNECTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IntegrationRegistryTests extends ApiTest {

    private static final String INTEGRATIONS = "/api/v1/admin/integrations";

    @Test
    void everyIntegrationTypeIsListedDisconnectedAtFirst() {
        Org org = registerOrganization();

        JsonNode listed = api.get(INTEGRATIONS, org.adminToken()).expect(200).data();

        assertThat(listed).hasSize(IntegrationType.values().length);
        assertThat(listed.findValuesAsString("type")).containsExactly("facebook", "instagram", "website_forms",
                "google_ads", "email", "sms", "whatsapp", "push", "payments");
        assertThat(listed.findValuesAsString("status")).containsOnly("disconnected");
    }

    @Test
    void connectedCredentialsAreSealedAtRestAndNeverReturned() {
        Org org = registerOrganization();

        JsonNode connected = api.post(INTEGRATIONS + "/sms/connect", org.adminToken(), Map.of(
                "credentials", Map.of("api_key", "sk_live_very_secret", "sender_id", "EDUCON"),
                "settings", Map.of("region", "IN"))).expect(200).data();

        assertThat(connected.get("status").asString()).isEqualTo("connected");
        assertThat(connected.get("credential_names").findValuesAsString("")).isEmpty();
        assertThat(connected.get("credential_names").toString()).contains("api_key", "sender_id");
        String listed = api.get(INTEGRATIONS, org.adminToken()).expect(200).raw();
        assertThat(listed).doesNotContain("sk_live_very_secret").contains("\"region\":\"IN\"");
        String stored = tenancy.callAs(org.id(), () -> db.select(INTEGRATION_CONNECTIONS.CREDENTIALS)
                .from(INTEGRATION_CONNECTIONS).where(INTEGRATION_CONNECTIONS.TYPE.eq("sms")).fetchOne().value1());
        assertThat(stored).startsWith("v1.").doesNotContain("sk_live_very_secret");
        String audited = tenancy.callAs(org.id(), () -> db.select(AUDIT_LOGS.AFTER).from(AUDIT_LOGS)
                .where(AUDIT_LOGS.ACTION.eq("integration.connected")).fetchOne().value1().data());
        assertThat(audited).contains("api_key").doesNotContain("sk_live_very_secret");
    }

    @Test
    void disconnectingDeletesTheCredentials() {
        Org org = registerOrganization();
        api.post(INTEGRATIONS + "/email/connect", org.adminToken(),
                Map.of("credentials", Map.of("smtp_password", "pw-123"))).expect(200);

        JsonNode disconnected = api.delete(INTEGRATIONS + "/email/disconnect", org.adminToken()).expect(200).data();

        assertThat(disconnected.get("status").asString()).isEqualTo("disconnected");
        assertThat(disconnected.get("credential_names")).isEmpty();
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(INTEGRATION_CONNECTIONS,
                INTEGRATION_CONNECTIONS.CREDENTIALS.isNotNull()))).isZero();
    }

    @Test
    void connectingWithoutCredentialsIsRefusedNamingThem() {
        Org org = registerOrganization();

        var refused = api.post(INTEGRATIONS + "/sms/connect", org.adminToken(), Map.of("credentials", Map.of()))
                .expect(422);

        assertThat(refused.errorField()).isEqualTo("credentials");
    }

    @Test
    void anUnknownIntegrationTypeIsNotFound() {
        Org org = registerOrganization();

        api.post(INTEGRATIONS + "/carrier-pigeon/connect", org.adminToken(),
                Map.of("credentials", Map.of("k", "v"))).expect(404);
    }

    @Test
    void testingATypeWithoutATestIsRefusedNamingTheType() {
        Org org = registerOrganization();
        api.post(INTEGRATIONS + "/payments/connect", org.adminToken(),
                Map.of("credentials", Map.of("key_id", "rzp_test"))).expect(200);

        var refused = api.post(INTEGRATIONS + "/payments/test", org.adminToken(), Map.of()).expect(422);

        assertThat(refused.errorField()).isEqualTo("type");
    }

    @Test
    void onlyThoseWhoManageSettingsSeeOrChangeIntegrations() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        api.get(INTEGRATIONS, counselor.token()).expect(403);
        api.post(INTEGRATIONS + "/sms/connect", counselor.token(), Map.of("credentials", Map.of("k", "v")))
                .expect(403);
        api.get(INTEGRATIONS, null).expect(401);
    }

    @Test
    void oneOrganizationsConnectionIsNotAnothers() {
        Org first = registerOrganization();
        Org second = registerOrganization();
        api.post(INTEGRATIONS + "/whatsapp/connect", first.adminToken(),
                Map.of("credentials", Map.of("access_token", "wa-token"))).expect(200);

        JsonNode seen = api.get(INTEGRATIONS, second.adminToken()).expect(200).data();

        assertThat(seen.findValuesAsString("status")).containsOnly("disconnected");
        assertThat(List.of(seen.toString())).noneMatch(s -> s.contains("access_token"));
    }
}
