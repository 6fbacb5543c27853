package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTests extends ApiTest {

    @Test
    void registeringCreatesAnOrganizationWhoseAdminHasEveryPermission() {
        Org org = registerOrganization();

        var me = api.get("/api/v1/auth/me", org.adminToken()).expect(200);

        assertThat(me.data().get("email").asString()).isEqualTo(org.adminEmail());
        assertThat(me.data().get("roles").toString()).contains("admin");
        assertThat(me.data().get("permissions").toString()).contains("admin:users", "leads:read");
        assertThat(me.data().get("data_scope").asString()).isEqualTo("all");
    }

    @Test
    void registeringATakenSlugIsAConflictNamingTheSlug() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Copy",
                "organization_slug", org.slug(), "first_name", "B", "email", "b@x.test", "password", PASSWORD));

        response.expect(409);
        assertThat(response.errorField()).isEqualTo("organization_slug");
    }

    @Test
    void aPasswordShorterThanTenCharactersIsRefused() {
        var response = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Short",
                "organization_slug", unique("short"), "first_name", "B", "email", "b@x.test", "password", "short1"));

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("password");
    }

    @Test
    void thePasswordMayNotBeTheEmail() {
        var response = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Same",
                "organization_slug", unique("same"), "first_name", "B", "email", "longername@x.test",
                "password", "longername@x.test"));

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("password");
    }

    @Test
    void loggingInReturnsTokensAndTheUserWithRoles() {
        Org org = registerOrganization();

        var response = login(org.slug(), org.adminEmail(), PASSWORD).expect(200);

        assertThat(response.data().get("access_token").asString()).isNotBlank();
        assertThat(response.data().get("refresh_token").asString()).startsWith("rt.");
        assertThat(response.data().get("expires_in").asLong()).isBetween(1L, 900L);
        assertThat(response.data().get("user").get("roles").toString()).contains("admin");
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        Org org = registerOrganization();

        login(org.slug(), org.adminEmail(), "not-the-password").expect(401);
    }

    @Test
    void tenFailedLoginsLockTheAccountEvenForTheRightPassword() {
        Org org = registerOrganization();
        for (int i = 0; i < 10; i++) {
            login(org.slug(), org.adminEmail(), "wrong-password-" + i).expect(401);
        }

        login(org.slug(), org.adminEmail(), PASSWORD).expect(423);
    }

    @Test
    void refreshingRotatesTheRefreshToken() {
        Org org = registerOrganization();

        var refreshed = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", org.adminRefreshToken()))
                .expect(200);

        String next = refreshed.data().get("refresh_token").asString();
        assertThat(next).isNotEqualTo(org.adminRefreshToken());
        api.get("/api/v1/auth/me", refreshed.data().get("access_token").asString()).expect(200);
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeSession() {
        Org org = registerOrganization();
        var first = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", org.adminRefreshToken()))
                .expect(200);

        api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", org.adminRefreshToken())).expect(401);

        String rotated = first.data().get("refresh_token").asString();
        api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", rotated)).expect(401);
        api.get("/api/v1/auth/me", first.data().get("access_token").asString()).expect(401);
    }

    @Test
    void afterLogoutTheAccessAndRefreshTokensFail() {
        Org org = registerOrganization();

        api.post("/api/v1/auth/logout", org.adminToken(), Map.of()).expect(200);

        api.get("/api/v1/auth/me", org.adminToken()).expect(401);
        api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", org.adminRefreshToken())).expect(401);
    }

    @Test
    void anAgentLogsInAndSeesOnlyItsOwnScope() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var me = api.get("/api/v1/auth/me", agent.token()).expect(200);

        assertThat(me.data().get("data_scope").asString()).isEqualTo("own");
        assertThat(me.data().get("permissions").toString()).doesNotContain("admin:users");
    }

    @Test
    void meWithoutATokenIsUnauthorized() {
        api.get("/api/v1/auth/me", null).expect(401);
    }
}
