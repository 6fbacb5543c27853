package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionTests extends ApiTest {

    @Test
    void listsTheCallersLiveSessionsMarkingTheCurrentOne() {
        Org org = registerOrganization();
        var second = login(org.slug(), org.adminEmail(), PASSWORD).expect(200).data();

        var sessions = api.get("/api/v1/users/sessions", org.adminToken()).expect(200);

        assertThat(sessions.data()).hasSize(2);
        assertThat(sessions.body().get("meta").get("total").asLong()).isEqualTo(2);
        JsonNode current = find(sessions.data(), second.get("session_id").asString());
        assertThat(current.get("current").asBoolean()).isFalse();
        long currentCount = 0;
        for (JsonNode session : sessions.data()) {
            currentCount += session.get("current").asBoolean() ? 1 : 0;
            assertThat(session.has("device_name")).isTrue();
            assertThat(session.has("ip_address")).isTrue();
            assertThat(session.has("expires_at")).isTrue();
            assertThat(session.has("impersonated_by")).isTrue();
        }
        assertThat(currentCount).isEqualTo(1);
    }

    @Test
    void aRevokedSessionsAccessTokenIsRefusedAtOnceAndItsRefreshTokenToo() {
        Org org = registerOrganization();
        var other = login(org.slug(), org.adminEmail(), PASSWORD).expect(200).data();
        String otherToken = other.get("access_token").asString();
        api.get("/api/v1/auth/me", otherToken).expect(200);

        api.delete("/api/v1/users/sessions/" + other.get("session_id").asString() + "/revoke", org.adminToken())
                .expect(200);

        api.get("/api/v1/auth/me", otherToken).expect(401);
        api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", other.get("refresh_token").asString()))
                .expect(401);
        api.get("/api/v1/auth/me", org.adminToken()).expect(200);
    }

    @Test
    void revokedSessionsAreListedOnlyWhenAskedFor() {
        Org org = registerOrganization();
        String otherId = login(org.slug(), org.adminEmail(), PASSWORD).expect(200).data().get("session_id").asString();
        api.delete("/api/v1/users/sessions/" + otherId + "/revoke", org.adminToken()).expect(200);

        var live = api.get("/api/v1/users/sessions", org.adminToken()).expect(200);
        var all = api.get("/api/v1/users/sessions?include_revoked=true", org.adminToken()).expect(200);

        assertThat(live.data()).hasSize(1);
        assertThat(all.data()).hasSize(2);
        assertThat(find(all.data(), otherId).get("revoked_at").isNull()).isFalse();
    }

    @Test
    void revokingWritesAnAuditEntry() {
        Org org = registerOrganization();
        String otherId = login(org.slug(), org.adminEmail(), PASSWORD).expect(200).data().get("session_id").asString();

        api.delete("/api/v1/users/sessions/" + otherId + "/revoke", org.adminToken()).expect(200);

        int entries = tenancy.callAs(org.id(), () -> db.fetchCount(AUDIT_LOGS, AUDIT_LOGS.ORGANIZATION_ID.eq(org.id()),
                AUDIT_LOGS.ACTION.eq("session.revoked"), AUDIT_LOGS.RESOURCE_ID.eq(otherId)));
        assertThat(entries).isEqualTo(1);
    }

    @Test
    void anotherUsersSessionIsNotFound() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        String agentSession = api.get("/api/v1/users/sessions", agent.token()).expect(200)
                .data().get(0).get("id").asString();

        var response = api.delete("/api/v1/users/sessions/" + agentSession + "/revoke", org.adminToken()).expect(404);

        assertThat(response.raw()).doesNotContain(agentSession);
        api.get("/api/v1/auth/me", agent.token()).expect(200);
    }

    @Test
    void anotherOrganizationsSessionIsNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String otherSession = api.get("/api/v1/users/sessions", other.adminToken()).expect(200)
                .data().get(0).get("id").asString();

        api.delete("/api/v1/users/sessions/" + otherSession + "/revoke", org.adminToken()).expect(404);

        api.get("/api/v1/auth/me", other.adminToken()).expect(200);
    }

    @Test
    void anUnknownOrMalformedIdIsRefused() {
        Org org = registerOrganization();

        api.delete("/api/v1/users/sessions/" + UUID.randomUUID() + "/revoke", org.adminToken()).expect(404);
        assertThat(api.delete("/api/v1/users/sessions/not-a-uuid/revoke", org.adminToken()).expect(400).errorField())
                .isEqualTo("id");
        assertThat(api.get("/api/v1/users/sessions?include_revoked=maybe", org.adminToken()).expect(400).errorField())
                .isEqualTo("include_revoked");
    }

    @Test
    void anyRoleSeesItsOwnSessions() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var sessions = api.get("/api/v1/users/sessions", agent.token()).expect(200);

        assertThat(sessions.data()).hasSize(1);
        assertThat(sessions.data().get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void withoutProfilePermissionSessionsAreForbidden() {
        Org org = registerOrganization();
        String key = ApiKeyTests.createKey(api, org.adminToken(), List.of("organization:read"));

        ApiKeyTests.withKey(api, "GET", "/api/v1/users/sessions", key).expect(403);
        ApiKeyTests.withKey(api, "DELETE", "/api/v1/users/sessions/" + UUID.randomUUID() + "/revoke", key).expect(403);
        api.get("/api/v1/users/sessions", null).expect(401);
    }

    private static JsonNode find(JsonNode sessions, String id) {
        for (JsonNode session : sessions) {
            if (session.get("id").asString().equals(id)) {
                return session;
            }
        }
        throw new AssertionError("No session " + id + " in " + sessions);
    }
}
