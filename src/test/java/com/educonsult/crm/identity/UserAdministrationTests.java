package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserAdministrationTests extends AdminApiTest {

    @Test
    void anAdminCreatesAUserWithAPasswordWhoCanThenLogIn() {
        Org org = registerOrganization();
        String email = unique("cara") + "@x.test";

        var created = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "Cara", "last_name", "Counselor", "email", email.toUpperCase(),
                "phone", "098765 43210", "designation", "Senior counselor", "department", "Admissions",
                "roles", List.of("counselor"), "password", PASSWORD)).expect(201).data();

        assertThat(created.get("email").asString()).isEqualTo(email);
        assertThat(created.get("phone").asString()).isEqualTo("+919876543210");
        assertThat(created.get("roles").toString()).contains("counselor");
        assertThat(created.get("status").asString()).isEqualTo("active");
        assertThat(created.get("invitation_pending").asBoolean()).isFalse();
        assertThat(created.has("password_hash")).isFalse();
        login(org.slug(), email, PASSWORD).expect(200);
        assertThat(auditActions(org, created.get("id").asString())).contains("user.created");
    }

    @Test
    void creatingAUserWithoutRolesIsRefusedNamingRoles() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "No", "email", "noroles@x.test", "roles", List.of())).expect(422);

        assertThat(response.errorField()).isEqualTo("roles");
    }

    @Test
    void creatingAUserWithAnUnknownRoleIsRefusedNamingRoles() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "No", "email", "unknown@x.test", "roles", List.of("wizard"))).expect(422);

        assertThat(response.errorField()).isEqualTo("roles");
    }

    @Test
    void creatingAUserWithAWeakPasswordIsRefusedNamingPassword() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "Weak", "email", "weak@x.test", "roles", List.of("agent"), "password", "short"))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("password");
    }

    @Test
    void creatingAUserWithAnInvalidPhoneIsRefusedNamingPhone() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "Pho", "email", "phone@x.test", "phone", "12", "roles", List.of("agent"))).expect(422);

        assertThat(response.errorField()).isEqualTo("phone");
    }

    @Test
    void creatingAUserWithATakenEmailIsAConflictNamingEmail() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "Copy", "email", org.adminEmail(), "roles", List.of("agent"))).expect(409);

        assertThat(response.errorField()).isEqualTo("email");
    }

    @Test
    void creatingAUserInAnotherOrganizationsBranchIsRefusedNamingBranch() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignBranch = createBranch(other, "Elsewhere");

        var response = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "B", "email", "branch@x.test", "roles", List.of("agent"),
                "branch_id", foreignBranch.toString())).expect(422);

        assertThat(response.errorField()).isEqualTo("branch_id");
    }

    @Test
    void creatingAUserWithMalformedJsonOrWrongTypesIsABadRequest() {
        Org org = registerOrganization();

        api.raw("POST", "/api/v1/admin/users", org.adminToken(), "application/json", "{\"first_name\": ").expect(400);
        var wrongType = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "T", "email", "types@x.test", "roles", List.of("agent"), "branch_id", 42)).expect(400);
        assertThat(wrongType.errorField()).isEqualTo("branch_id");
    }

    @Test
    void anAgentMayNotUseUserAdministration() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        api.get("/api/v1/admin/users", agent.token()).expect(403);
        api.get("/api/v1/admin/users/" + org.adminId(), agent.token()).expect(403);
        api.post("/api/v1/admin/users", agent.token(), Map.of("first_name", "X", "email", "x@x.test",
                "roles", List.of("agent"))).expect(403);
        api.patch("/api/v1/admin/users/" + org.adminId(), agent.token(), Map.of("first_name", "X")).expect(403);
        api.delete("/api/v1/admin/users/" + org.adminId(), agent.token()).expect(403);
        api.post("/api/v1/admin/users/bulk-action", agent.token(), Map.of("action", "deactivate",
                "user_ids", List.of(org.adminId().toString()))).expect(403);
    }

    @Test
    void listingSearchesAndFiltersByRoleStatusAndBranchWithTotal() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "North");
        UUID inBranch = createUser(org, "counselor", branch);
        UUID agent = createUser(org, "agent", null);
        api.patch("/api/v1/admin/users/" + agent, org.adminToken(), Map.of("first_name", "Zebulon", "active", false))
                .expect(200);

        var all = api.get("/api/v1/admin/users?limit=2", org.adminToken()).expect(200);
        assertThat(all.body().get("meta").get("total").asLong()).isEqualTo(3);
        assertThat(all.data().size()).isEqualTo(2);
        assertThat(idsOf(api.get("/api/v1/admin/users?search=zebul", org.adminToken()).expect(200)))
                .containsExactly(agent.toString());
        assertThat(idsOf(api.get("/api/v1/admin/users?role=counselor", org.adminToken()).expect(200)))
                .containsExactly(inBranch.toString());
        assertThat(idsOf(api.get("/api/v1/admin/users?status=inactive", org.adminToken()).expect(200)))
                .containsExactly(agent.toString());
        assertThat(idsOf(api.get("/api/v1/admin/users?branch_id=" + branch, org.adminToken()).expect(200)))
                .containsExactly(inBranch.toString());
    }

    @Test
    void listingWithBadFiltersOrPagingIsRefusedNamingTheParameter() {
        Org org = registerOrganization();

        assertThat(api.get("/api/v1/admin/users?status=sleepy", org.adminToken()).expect(422).errorField())
                .isEqualTo("status");
        assertThat(api.get("/api/v1/admin/users?limit=500", org.adminToken()).expect(400).errorField())
                .isEqualTo("limit");
        assertThat(api.get("/api/v1/admin/users?branch_id=nope", org.adminToken()).expect(400).errorField())
                .isEqualTo("branch_id");
        assertThat(api.get("/api/v1/admin/users?search=" + "a".repeat(201), org.adminToken()).expect(422)
                .errorField()).isEqualTo("search");
    }

    @Test
    void anotherOrganizationsUserIsNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String path = "/api/v1/admin/users/" + other.adminId();

        var read = api.get(path, org.adminToken()).expect(404);
        api.patch(path, org.adminToken(), Map.of("first_name", "Mallory")).expect(404);
        api.delete(path, org.adminToken()).expect(404);

        assertThat(read.body().has("data")).isFalse();
        api.get("/api/v1/auth/me", other.adminToken()).expect(200);
    }

    @Test
    void anAdminChangesAUsersProfileRolesAndBranch() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "South");
        UUID user = createUser(org, "agent", null);

        var changed = api.patch("/api/v1/admin/users/" + user, org.adminToken(), Map.of(
                "first_name", "Renamed", "designation", "Lead", "roles", List.of("counselor", "agent"),
                "branch_id", branch.toString(), "phone", "+44 20 7946 0958")).expect(200).data();

        assertThat(changed.get("first_name").asString()).isEqualTo("Renamed");
        assertThat(changed.get("roles").toString()).contains("counselor", "agent");
        assertThat(changed.get("branch_id").asString()).isEqualTo(branch.toString());
        assertThat(changed.get("phone").asString()).isEqualTo("+442079460958");
        assertThat(api.get("/api/v1/admin/users/" + user, org.adminToken()).expect(200).data()
                .get("designation").asString()).isEqualTo("Lead");
        assertThat(auditActions(org, user)).containsExactly("user.created", "user.updated");
    }

    @Test
    void changingAUserWithInvalidValuesIsRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID user = createUser(org, "agent", null);
        String path = "/api/v1/admin/users/" + user;

        assertThat(api.patch(path, org.adminToken(), Map.of("first_name", " ")).expect(422).errorField())
                .isEqualTo("first_name");
        assertThat(api.patch(path, org.adminToken(), Map.of("email", "not-an-email")).expect(422).errorField())
                .isEqualTo("email");
        assertThat(api.patch(path, org.adminToken(), Map.of("active", List.of(1))).expect(400).errorField())
                .isEqualTo("active");
        api.raw("PATCH", path, org.adminToken(), "application/json", "{not json").expect(400);
    }

    @Test
    void aDeactivatedUsersAccessTokenIsRefusedAtOnce() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        api.get("/api/v1/auth/me", agent.token()).expect(200);

        var changed = api.patch("/api/v1/admin/users/" + agent.id(), org.adminToken(), Map.of("active", false))
                .expect(200).data();

        assertThat(changed.get("status").asString()).isEqualTo("inactive");
        api.get("/api/v1/auth/me", agent.token()).expect(401);
        api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", agent.refreshToken())).expect(401);
        login(org.slug(), agent.email(), PASSWORD).expect(401);
    }

    @Test
    void anAdminCannotDeactivateOrDeleteThemself() {
        Org org = registerOrganization();
        String self = "/api/v1/admin/users/" + org.adminId();

        assertThat(api.patch(self, org.adminToken(), Map.of("active", false)).expect(422).errorField())
                .isEqualTo("active");
        api.delete(self, org.adminToken()).expect(422);

        api.get("/api/v1/auth/me", org.adminToken()).expect(200);
    }

    @Test
    void deletingAUserHidesThemEndsTheirSessionsAndIsAudited() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        api.delete("/api/v1/admin/users/" + agent.id(), org.adminToken()).expect(200);

        api.get("/api/v1/admin/users/" + agent.id(), org.adminToken()).expect(404);
        api.get("/api/v1/auth/me", agent.token()).expect(401);
        assertThat(auditActions(org, agent.id())).contains("user.deleted");
        int deletedRows = tenancy.callAs(org.id(), () -> db.fetchCount(com.educonsult.crm.jooq.Tables.USERS,
                com.educonsult.crm.jooq.Tables.USERS.ID.eq(agent.id()),
                com.educonsult.crm.jooq.Tables.USERS.DELETED_AT.isNotNull()));
        assertThat(deletedRows).isEqualTo(1);
    }

    @Test
    void aBulkActionReportsAnOutcomePerUserAndEndsSessionsOfDeactivatedUsers() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser first = userWithRole(org, "agent");
        TestUser second = userWithRole(org, "counselor");

        var result = api.post("/api/v1/admin/users/bulk-action", org.adminToken(), Map.of("action", "deactivate",
                "user_ids", List.of(first.id().toString(), second.id().toString(), other.adminId().toString(),
                        org.adminId().toString()))).expect(200).data();

        assertThat(result.get("succeeded").asInt()).isEqualTo(2);
        assertThat(result.get("failed").asInt()).isEqualTo(2);
        assertThat(result.get("results").get(2).get("status").asInt()).isEqualTo(404);
        assertThat(result.get("results").get(3).get("status").asInt()).isEqualTo(422);
        api.get("/api/v1/auth/me", first.token()).expect(401);
        api.get("/api/v1/auth/me", second.token()).expect(401);
        api.get("/api/v1/auth/me", org.adminToken()).expect(200);
        assertThat(auditActions(org, first.id())).contains("user.deactivated");

        api.post("/api/v1/admin/users/bulk-action", org.adminToken(), Map.of("action", "activate",
                "user_ids", List.of(first.id().toString()))).expect(200);
        login(org.slug(), first.email(), PASSWORD).expect(200);
        api.post("/api/v1/admin/users/bulk-action", org.adminToken(), Map.of("action", "delete",
                "user_ids", List.of(second.id().toString()))).expect(200);
        assertThat(auditActions(org, second.id())).contains("user.deleted");
    }

    @Test
    void aBulkActionWithBadInputIsRefusedNamingTheField() {
        Org org = registerOrganization();
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        String path = "/api/v1/admin/users/bulk-action";

        assertThat(api.post(path, org.adminToken(), Map.of("action", "explode",
                "user_ids", List.of(org.adminId().toString()))).expect(422).errorField()).isEqualTo("action");
        assertThat(api.post(path, org.adminToken(), Map.of("action", "delete", "user_ids", tooMany))
                .expect(422).errorField()).isEqualTo("user_ids");
        assertThat(api.post(path, org.adminToken(), Map.of("action", "delete", "user_ids", List.of("nope")))
                .expect(400).errorField()).startsWith("user_ids");
        api.raw("POST", path, org.adminToken(), "application/json", "[").expect(400);
    }

    @Test
    void aManagerSeesOnlyUsersOfTheirOwnBranch() {
        Org org = registerOrganization();
        UUID north = createBranch(org, "North");
        UUID south = createBranch(org, "South");
        TestUser manager = userWithRole(org, "manager", north);
        UUID colleague = createUser(org, "agent", north);
        createUser(org, "agent", south);

        var listed = api.get("/api/v1/admin/users", manager.token()).expect(200);

        assertThat(idsOf(listed)).containsExactlyInAnyOrder(manager.id().toString(), colleague.toString());
        assertThat(listed.body().get("meta").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void aManagerCannotSeeOrChangeUsersOfAnotherBranch() {
        Org org = registerOrganization();
        UUID north = createBranch(org, "North");
        UUID south = createBranch(org, "South");
        TestUser manager = userWithRole(org, "manager", north);
        UUID elsewhere = createUser(org, "agent", south);
        String path = "/api/v1/admin/users/" + elsewhere;

        api.get(path, manager.token()).expect(404);
        api.patch(path, manager.token(), Map.of("first_name", "X")).expect(404);
        api.delete(path, manager.token()).expect(404);
    }

    @Test
    void aManagerCreatesUsersInTheirBranchButNeverAdmins() {
        Org org = registerOrganization();
        UUID north = createBranch(org, "North");
        UUID south = createBranch(org, "South");
        TestUser manager = userWithRole(org, "manager", north);

        var created = api.post("/api/v1/admin/users", manager.token(), Map.of("first_name", "New",
                "email", unique("new") + "@x.test", "roles", List.of("agent"), "password", PASSWORD))
                .expect(201).data();
        assertThat(created.get("branch_id").asString()).isEqualTo(north.toString());

        api.post("/api/v1/admin/users", manager.token(), Map.of("first_name", "Boss",
                "email", unique("boss") + "@x.test", "roles", List.of("admin"))).expect(403);
        api.post("/api/v1/admin/users", manager.token(), Map.of("first_name", "Far",
                "email", unique("far") + "@x.test", "roles", List.of("agent"), "branch_id", south.toString()))
                .expect(403);
        api.patch("/api/v1/admin/users/" + created.get("id").asString(), manager.token(),
                Map.of("roles", List.of("admin"))).expect(403);
    }

    @Test
    void aManagerCannotChangeAnAdminOfTheirBranch() {
        Org org = registerOrganization();
        UUID north = createBranch(org, "North");
        TestUser manager = userWithRole(org, "manager", north);
        TestUser admin = userWithRole(org, "admin", north);

        api.get("/api/v1/admin/users/" + admin.id(), manager.token()).expect(200);
        api.patch("/api/v1/admin/users/" + admin.id(), manager.token(), Map.of("active", false)).expect(403);
        api.delete("/api/v1/admin/users/" + admin.id(), manager.token()).expect(403);
        api.get("/api/v1/auth/me", admin.token()).expect(200);
    }

    private static List<String> idsOf(Response response) {
        List<String> ids = new ArrayList<>();
        response.data().forEach(user -> ids.add(user.get("id").asString()));
        return ids;
    }
}
