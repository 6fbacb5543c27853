package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BranchTests extends AdminApiTest {

    @Test
    void anAdminCreatesReadsListsChangesAndDeletesABranch() {
        Org org = registerOrganization();

        var created = api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Pune Office", "code", "PUN",
                "city", "Pune", "phone", "020 2345 6789", "email", "PUNE@x.test")).expect(201).data();
        String id = created.get("id").asString();
        assertThat(created.get("phone").asString()).isEqualTo("+912023456789");
        assertThat(created.get("email").asString()).isEqualTo("pune@x.test");

        assertThat(api.get("/api/v1/branches/" + id, org.adminToken()).expect(200).data().get("name").asString())
                .isEqualTo("Pune Office");
        var list = api.get("/api/v1/branches?search=pun", org.adminToken()).expect(200);
        assertThat(list.body().get("meta").get("total").asLong()).isEqualTo(1);
        var changed = api.patch("/api/v1/branches/" + id, org.adminToken(), Map.of("name", "Pune HQ", "active", false))
                .expect(200).data();
        assertThat(changed.get("name").asString()).isEqualTo("Pune HQ");
        assertThat(changed.get("active").asBoolean()).isFalse();
        api.delete("/api/v1/branches/" + id, org.adminToken()).expect(200);
        api.get("/api/v1/branches/" + id, org.adminToken()).expect(404);

        assertThat(auditActions(org, id)).containsExactly("branch.created", "branch.updated", "branch.deleted");
    }

    @Test
    void aBranchNameIsUniqueInTheOrganizationIgnoringCase() {
        Org org = registerOrganization();
        createBranch(org, "Delhi");
        UUID other = createBranch(org, "Mumbai");

        assertThat(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "DELHI")).expect(409).errorField())
                .isEqualTo("name");
        assertThat(api.patch("/api/v1/branches/" + other, org.adminToken(), Map.of("name", "delhi"))
                .expect(409).errorField()).isEqualTo("name");
        createBranch(registerOrganization(), "Delhi");
    }

    @Test
    void aBranchWithoutAValidNameIsRefusedNamingName() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "Chennai");

        assertThat(api.post("/api/v1/branches", org.adminToken(), Map.of("city", "Nowhere")).expect(422).errorField())
                .isEqualTo("name");
        assertThat(api.patch("/api/v1/branches/" + branch, org.adminToken(), Map.of("name", "  "))
                .expect(422).errorField()).isEqualTo("name");
        assertThat(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "B", "email", "nope"))
                .expect(422).errorField()).isEqualTo("email");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "Kochi");

        api.raw("POST", "/api/v1/branches", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PATCH", "/api/v1/branches/" + branch, org.adminToken(), "application/json", "{]").expect(400);
        assertThat(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "K", "active", Map.of()))
                .expect(400).errorField()).isEqualTo("active");
        assertThat(api.patch("/api/v1/branches/" + branch, org.adminToken(), Map.of("name", Map.of("x", 1)))
                .expect(400).errorField()).isEqualTo("name");
    }

    @Test
    void anAgentMayReadBranchesButNotChangeThem() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "Goa");
        TestUser agent = userWithRole(org, "agent");

        api.get("/api/v1/branches", agent.token()).expect(200);
        api.get("/api/v1/branches/" + branch, agent.token()).expect(200);
        api.post("/api/v1/branches", agent.token(), Map.of("name", "Mine")).expect(403);
        api.patch("/api/v1/branches/" + branch, agent.token(), Map.of("name", "Mine")).expect(403);
        api.delete("/api/v1/branches/" + branch, agent.token()).expect(403);
    }

    @Test
    void readingBranchesNeedsAPermission() {
        api.get("/api/v1/branches", null).expect(401);
    }

    @Test
    void anotherOrganizationsBranchIsNotFoundWithNoData() {
        Org org = registerOrganization();
        UUID foreign = createBranch(registerOrganization(), "Theirs");

        var read = api.get("/api/v1/branches/" + foreign, org.adminToken()).expect(404);
        api.patch("/api/v1/branches/" + foreign, org.adminToken(), Map.of("name", "Ours")).expect(404);
        api.delete("/api/v1/branches/" + foreign, org.adminToken()).expect(404);

        assertThat(read.body().has("data")).isFalse();
        assertThat(api.get("/api/v1/branches", org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void aBranchWithUsersCannotBeDeleted() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "Busy");
        createUser(org, "agent", branch);

        api.delete("/api/v1/branches/" + branch, org.adminToken()).expect(409);
    }
}
