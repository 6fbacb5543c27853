package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoleTests extends AdminApiTest {

    @Test
    void theRolesAreListedWithPermissionsAndUserCounts() {
        Org org = registerOrganization();
        userWithRole(org, "agent");

        var roles = api.get("/api/v1/admin/roles", org.adminToken()).expect(200).data();

        JsonNode agent = role(roles, "agent");
        assertThat(agent.get("system").asBoolean()).isTrue();
        assertThat(agent.get("user_count").asInt()).isEqualTo(1);
        assertThat(agent.get("data_scope").asString()).isEqualTo("own");
        assertThat(agent.get("permissions").toString()).contains("leads:read");
        assertThat(role(roles, "admin").get("user_count").asInt()).isEqualTo(1);
    }

    @Test
    void anAdminCreatesACustomRoleThatCanBeAssigned() {
        Org org = registerOrganization();

        var created = api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "telecaller",
                "name", "Telecaller", "description", "Calls leads", "data_scope", "own",
                "permissions", List.of("leads:read", "calls:write"))).expect(201).data();

        assertThat(created.get("system").asBoolean()).isFalse();
        assertThat(created.get("permissions").toString()).contains("leads:read", "calls:write");
        api.post("/api/v1/admin/users", org.adminToken(), Map.of("first_name", "T", "email", unique("t") + "@x.test",
                "roles", List.of("telecaller"), "password", PASSWORD)).expect(201);
        assertThat(auditActions(org, created.get("id").asString())).containsExactly("role.created");
    }

    @Test
    void aRoleWithAnUnknownPermissionIsRefusedNamingPermissions() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "odd", "name", "Odd",
                "data_scope", "own", "permissions", List.of("leads:read", "moon:land"))).expect(422);

        assertThat(response.errorField()).isEqualTo("permissions");
    }

    @Test
    void aRoleWithAnInvalidCodeOrScopeIsRefusedNamingTheField() {
        Org org = registerOrganization();

        assertThat(api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "Bad Code", "name", "B",
                "data_scope", "own", "permissions", List.of())).expect(422).errorField()).isEqualTo("code");
        assertThat(api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "good", "name", "B",
                "data_scope", "galaxy", "permissions", List.of())).expect(422).errorField()).isEqualTo("data_scope");
    }

    @Test
    void aTakenRoleCodeIsAConflictNamingCode() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "manager", "name", "Again",
                "data_scope", "own", "permissions", List.of())).expect(409);

        assertThat(response.errorField()).isEqualTo("code");
    }

    @Test
    void creatingARoleWithMalformedJsonOrWrongTypesIsABadRequest() {
        Org org = registerOrganization();

        api.raw("POST", "/api/v1/admin/roles", org.adminToken(), "application/json", "{\"code\":}").expect(400);
        assertThat(api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "x1", "name", "X",
                "data_scope", "own", "permissions", Map.of("a", 1))).expect(400).errorField()).isEqualTo("permissions");
    }

    @Test
    void aSystemRoleKeepsItsCodeButItsPermissionsMayChange() {
        Org org = registerOrganization();
        String counselor = roleId(org, "counselor");

        var changed = api.patch("/api/v1/admin/roles/" + counselor, org.adminToken(), Map.of("name", "Advisor",
                "permissions", List.of("profile:manage", "leads:read"))).expect(200).data();

        assertThat(changed.get("name").asString()).isEqualTo("Advisor");
        assertThat(changed.get("permissions").size()).isEqualTo(2);
        assertThat(api.patch("/api/v1/admin/roles/" + counselor, org.adminToken(), Map.of("code", "advisor"))
                .expect(422).errorField()).isEqualTo("code");
        assertThat(api.patch("/api/v1/admin/roles/" + counselor, org.adminToken(), Map.of("name", ""))
                .expect(422).errorField()).isEqualTo("name");
        api.raw("PATCH", "/api/v1/admin/roles/" + counselor, org.adminToken(), "application/json", "nope").expect(400);
        assertThat(api.patch("/api/v1/admin/roles/" + counselor, org.adminToken(), Map.of("permissions", "leads:read"))
                .expect(400).errorField()).isEqualTo("permissions");
        assertThat(auditActions(org, counselor)).containsExactly("role.updated");
    }

    @Test
    void theAdminRoleAlwaysHoldsEveryPermission() {
        Org org = registerOrganization();

        var response = api.patch("/api/v1/admin/roles/" + roleId(org, "admin"), org.adminToken(),
                Map.of("permissions", List.of("profile:manage"))).expect(422);

        assertThat(response.errorField()).isEqualTo("permissions");
    }

    @Test
    void aSystemRoleCannotBeDeleted() {
        Org org = registerOrganization();

        for (String code : List.of("admin", "manager", "counselor", "agent")) {
            api.delete("/api/v1/admin/roles/" + roleId(org, code), org.adminToken()).expect(422);
        }
    }

    @Test
    void aRoleStillAssignedToUsersCannotBeDeletedButAnUnusedOneCan() {
        Org org = registerOrganization();
        String id = api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "helper", "name", "Helper",
                "data_scope", "own", "permissions", List.of("leads:read"))).expect(201).data().get("id").asString();
        UUID user = createUser(org, "helper", null);

        api.delete("/api/v1/admin/roles/" + id, org.adminToken()).expect(409);

        api.patch("/api/v1/admin/users/" + user, org.adminToken(), Map.of("roles", List.of("agent"))).expect(200);
        api.delete("/api/v1/admin/roles/" + id, org.adminToken()).expect(200);
        api.get("/api/v1/admin/roles/" + id, org.adminToken()).expect(404);
        assertThat(auditActions(org, id)).containsExactly("role.created", "role.deleted");
    }

    @Test
    void anotherOrganizationsRoleIsNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String foreign = roleId(other, "agent");

        var read = api.get("/api/v1/admin/roles/" + foreign, org.adminToken()).expect(404);
        api.patch("/api/v1/admin/roles/" + foreign, org.adminToken(), Map.of("name", "Mine")).expect(404);
        api.delete("/api/v1/admin/roles/" + foreign, org.adminToken()).expect(404);

        assertThat(read.body().has("data")).isFalse();
    }

    @Test
    void managingRolesNeedsTheRolesPermission() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        String agentRole = roleId(org, "agent");

        api.get("/api/v1/admin/roles", manager.token()).expect(403);
        api.get("/api/v1/admin/permissions", manager.token()).expect(403);
        api.post("/api/v1/admin/roles", manager.token(), Map.of("code", "x1", "name", "X", "data_scope", "own",
                "permissions", List.of())).expect(403);
        api.patch("/api/v1/admin/roles/" + agentRole, manager.token(), Map.of("name", "X")).expect(403);
        api.delete("/api/v1/admin/roles/" + agentRole, manager.token()).expect(403);
    }

    @Test
    void thePermissionCatalogueGivesEachPermissionWithItsCategory() {
        Org org = registerOrganization();

        var catalogue = api.get("/api/v1/admin/permissions", org.adminToken()).expect(200).data();

        boolean found = false;
        for (JsonNode permission : catalogue) {
            if (permission.get("code").asString().equals("admin:users")) {
                found = permission.get("category").asString().equals("administration");
            }
        }
        assertThat(found).isTrue();
    }

    private String roleId(Org org, String code) {
        return role(api.get("/api/v1/admin/roles", org.adminToken()).expect(200).data(), code).get("id").asString();
    }

    private static JsonNode role(JsonNode roles, String code) {
        for (JsonNode role : roles) {
            if (role.get("code").asString().equals(code)) {
                return role;
            }
        }
        throw new AssertionError("no role " + code + " in " + roles);
    }
}
