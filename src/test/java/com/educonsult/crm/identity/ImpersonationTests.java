package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpersonationTests extends AdminApiTest {

    @Test
    void anAdminImpersonatesAnAgentAndTheTokenActsAsTheAgent() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var tokens = api.post("/api/v1/admin/users/" + agent.id() + "/impersonate", org.adminToken(), Map.of())
                .expect(200).data();

        assertThat(tokens.get("impersonation").asBoolean()).isTrue();
        assertThat(tokens.get("user").get("id").asString()).isEqualTo(agent.id().toString());
        assertThat(tokens.get("expires_in").asLong()).isBetween(1L, 3600L);
        var me = api.get("/api/v1/auth/me", tokens.get("access_token").asString()).expect(200).data();
        assertThat(me.get("email").asString()).isEqualTo(agent.email());
        assertThat(auditActions(org, agent.id())).contains("user.impersonated");
    }

    @Test
    void anAdminCannotBeImpersonated() {
        Org org = registerOrganization();
        TestUser otherAdmin = userWithRole(org, "admin");

        api.post("/api/v1/admin/users/" + otherAdmin.id() + "/impersonate", org.adminToken(), Map.of()).expect(403);
    }

    @Test
    void nobodyCanImpersonateThemself() {
        Org org = registerOrganization();

        api.post("/api/v1/admin/users/" + org.adminId() + "/impersonate", org.adminToken(), Map.of()).expect(403);
    }

    @Test
    void impersonatingNeedsTheImpersonatePermission() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        TestUser agent = userWithRole(org, "agent");

        api.post("/api/v1/admin/users/" + agent.id() + "/impersonate", manager.token(), Map.of()).expect(403);
        api.post("/api/v1/admin/users/" + manager.id() + "/impersonate", agent.token(), Map.of()).expect(403);
    }

    @Test
    void impersonatingAnotherOrganizationsUserIsNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser foreignAgent = userWithRole(other, "agent");

        var response = api.post("/api/v1/admin/users/" + foreignAgent.id() + "/impersonate", org.adminToken(), Map.of())
                .expect(404);

        assertThat(response.body().has("data")).isFalse();
    }

    @Test
    void impersonatingWithAMalformedIdIsABadRequest() {
        Org org = registerOrganization();

        assertThat(api.post("/api/v1/admin/users/not-a-uuid/impersonate", org.adminToken(), Map.of())
                .expect(400).errorField()).isEqualTo("id");
    }
}
