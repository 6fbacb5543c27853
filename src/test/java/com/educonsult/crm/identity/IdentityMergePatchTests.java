package com.educonsult.crm.identity;

import static com.educonsult.crm.support.MergePatchChecks.assertCleared;
import static com.educonsult.crm.support.MergePatchChecks.assertRefusesNull;
import static com.educonsult.crm.support.MergePatchChecks.clear;
import static com.educonsult.crm.support.MergePatchChecks.mergePatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH of roles, users, branches, profiles and the organization as JSON Merge Patch. */
class IdentityMergePatchTests extends AdminApiTest {

    @Test
    void nullClearsARolesDescriptionAndRefusesItsRequiredFields() {
        Org org = registerOrganization();
        String id = api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "reader", "name", "Reader",
                "description", "Reads leads", "data_scope", "all", "permissions", List.of("leads:read")))
                .expect(201).data().get("id").asString();
        String path = "/api/v1/admin/roles/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), "description");

        assertCleared(changed, "description");
        assertThat(changed.get("name").asString()).isEqualTo("Reader");
        assertThat(changed.get("permissions").size()).isEqualTo(1);
        assertRefusesNull(api, path, org.adminToken(), "code", "name", "data_scope", "permissions");
    }

    @Test
    void nullTakesAUserOutOfTheirBranchAndClearsTextsWhileRequiredFieldsRefuseIt() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "Pune");
        UUID id = createUser(org, "counselor", branch);
        String path = "/api/v1/admin/users/" + id;
        api.patch(path, org.adminToken(), Map.of("designation", "Senior", "phone", "9876500011")).expect(200);

        JsonNode changed = clear(api, path, org.adminToken(), List.of("branch_id", "designation", "phone"),
                Map.of("department", "Admissions"));

        assertCleared(changed, "branch_id", "designation", "phone");
        assertThat(changed.get("department").asString()).isEqualTo("Admissions");
        assertThat(changed.get("first_name").asString()).isEqualTo("Uma");
        assertRefusesNull(api, path, org.adminToken(), "first_name", "email", "roles", "active", "password");
    }

    @Test
    void aBranchManagerCannotTakeAUserOutOfTheirBranch() {
        Org org = registerOrganization();
        UUID branch = createBranch(org, "Pune");
        UUID id = createUser(org, "counselor", branch);
        TestUser manager = userWithRole(org, "manager", branch);

        clearRefused(manager.token(), "/api/v1/admin/users/" + id, 403);
    }

    @Test
    void nullClearsABranchsContactsAndRefusesItsName() {
        Org org = registerOrganization();
        String id = api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Pune Office", "code", "PUN",
                "city", "Pune", "phone", "9876500012", "email", "pune@x.test")).expect(201).data().get("id").asString();
        String path = "/api/v1/branches/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), "city", "phone", "email");

        assertCleared(changed, "city", "phone", "email");
        assertThat(changed.get("code").asString()).isEqualTo("PUN");
        assertRefusesNull(api, path, org.adminToken(), "name", "active");
    }

    @Test
    void nullClearsOnesProfileFieldsAndPreferencesButNotTheFirstName() {
        Org org = registerOrganization();
        String path = "/api/v1/users/profile";
        api.patch(path, org.adminToken(), Map.of("designation", "Director", "department", "Sales",
                "preferences", Map.of("theme", "dark"))).expect(200);

        JsonNode changed = clear(api, path, org.adminToken(), "designation", "preferences");

        assertCleared(changed, "designation");
        assertThat(changed.get("preferences").size()).isZero();
        assertThat(changed.get("department").asString()).isEqualTo("Sales");
        assertRefusesNull(api, path, org.adminToken(), "first_name");
    }

    @Test
    void theOrganizationsSettingsMergeKeyByKeyAndNullClearsContacts() {
        Org org = registerOrganization();
        String path = "/api/v1/organization";
        api.patch(path, org.adminToken(), Map.of("city", "Pune", "website", "https://x.test",
                "settings", Map.of("call_recording", true, "branding", Map.of("color", "#fff", "logo", "a.png"))))
                .expect(200);

        JsonNode changed = mergePatch(api, path, org.adminToken(), JSON.readTree(
                "{\"city\": null, \"settings\": {\"call_recording\": null, \"branding\": {\"logo\": null}}}"))
                .expect(200).data();

        assertCleared(changed, "city");
        assertThat(changed.get("website").asString()).isEqualTo("https://x.test");
        assertThat(changed.get("settings").has("call_recording")).isFalse();
        assertThat(changed.get("settings").get("branding").get("color").asString()).isEqualTo("#fff");
        assertThat(changed.get("settings").get("branding").has("logo")).isFalse();
        assertThat(clear(api, path, org.adminToken(), "settings").get("settings").size()).isZero();
        assertRefusesNull(api, path, org.adminToken(), "name", "time_zone", "currency", "recording_retention_days");
    }

    private void clearRefused(String token, String path, int status) {
        mergePatch(api, path, token, JSON.createObjectNode().putNull("branch_id")).expect(status);
    }
}
