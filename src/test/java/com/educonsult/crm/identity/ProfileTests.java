package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTests extends ApiTest {

    private static final String PROFILE = "/api/v1/users/profile";
    private static final String NEW_PASSWORD = "Battery-Staple-77";

    @Test
    void theProfileIsTheCallersOwn() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var profile = api.get(PROFILE, agent.token()).expect(200);

        assertThat(profile.data().get("email").asString()).isEqualTo(agent.email());
        assertThat(profile.data().has("password_hash")).isFalse();
    }

    @Test
    void changesAreSavedMergedAndAudited() {
        Org org = registerOrganization();
        Map<String, Object> change = new HashMap<>();
        change.put("first_name", "Grace");
        change.put("last_name", "Hopper");
        change.put("phone", "098765 43210");
        change.put("designation", "Director");
        change.put("department", "Admissions");
        change.put("avatar_url", "https://cdn.example.test/grace.png");
        change.put("preferences", Map.of("time_zone", "Europe/London", "language", "en",
                "notifications", Map.of("email", true, "sms", false), "theme", "dark"));

        var updated = api.patch(PROFILE, org.adminToken(), change).expect(200);

        assertThat(updated.data().get("full_name").asString()).isEqualTo("Grace Hopper");
        assertThat(updated.data().get("phone").asString()).isEqualTo("+919876543210");
        var again = api.patch(PROFILE, org.adminToken(),
                Map.of("preferences", Map.of("notifications", Map.of("push", true)))).expect(200);
        var preferences = again.data().get("preferences");
        assertThat(preferences.get("time_zone").asString()).isEqualTo("Europe/London");
        assertThat(preferences.get("notifications").get("email").asBoolean()).isTrue();
        assertThat(preferences.get("notifications").get("push").asBoolean()).isTrue();
        assertThat(api.get(PROFILE, org.adminToken()).expect(200).data().get("designation").asString())
                .isEqualTo("Director");
        assertThat(audited(org, "profile.updated")).isEqualTo(2);
    }

    @Test
    void anEmptyStringClearsAField() {
        Org org = registerOrganization();
        api.patch(PROFILE, org.adminToken(), Map.of("designation", "Director")).expect(200);

        var cleared = api.patch(PROFILE, org.adminToken(), Map.of("designation", "")).expect(200);

        assertThat(cleared.data().get("designation").isNull()).isTrue();
        assertThat(cleared.data().get("first_name").asString()).isEqualTo("Ada");
    }

    @Test
    void anUnknownPreferenceIsRefusedNamingIt() {
        Org org = registerOrganization();

        var response = api.patch(PROFILE, org.adminToken(), Map.of("preferences", Map.of("colour", "red"))).expect(422);

        assertThat(response.errorField()).isEqualTo("preferences.colour");
    }

    @Test
    void preferenceValuesAreChecked() {
        Org org = registerOrganization();

        assertThat(patchPreferences(org, Map.of("time_zone", "Mars/Olympus")).expect(422).errorField())
                .isEqualTo("preferences.time_zone");
        assertThat(patchPreferences(org, Map.of("theme", "neon")).expect(422).errorField())
                .isEqualTo("preferences.theme");
        assertThat(patchPreferences(org, Map.of("language", 7)).expect(422).errorField())
                .isEqualTo("preferences.language");
        assertThat(patchPreferences(org, Map.of("notifications", Map.of("fax", true))).expect(422).errorField())
                .isEqualTo("preferences.notifications.fax");
        assertThat(patchPreferences(org, Map.of("notifications", Map.of("sms", "yes"))).expect(422).errorField())
                .isEqualTo("preferences.notifications.sms");
    }

    @Test
    void aPhoneOfAnotherUserIsAConflictNamingPhone() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        api.patch(PROFILE, agent.token(), Map.of("phone", "+919812345678")).expect(200);

        var response = api.patch(PROFILE, org.adminToken(), Map.of("phone", "98123 45678")).expect(409);

        assertThat(response.errorField()).isEqualTo("phone");
    }

    @Test
    void theSamePhoneInAnotherOrganizationIsFine() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        api.patch(PROFILE, other.adminToken(), Map.of("phone", "+919812345679")).expect(200);

        api.patch(PROFILE, org.adminToken(), Map.of("phone", "+919812345679")).expect(200);
    }

    @Test
    void invalidFieldsAreRefusedNamingThem() {
        Org org = registerOrganization();

        assertThat(api.patch(PROFILE, org.adminToken(), Map.of("phone", "12")).expect(422).errorField())
                .isEqualTo("phone");
        assertThat(api.patch(PROFILE, org.adminToken(), Map.of("first_name", " ")).expect(422).errorField())
                .isEqualTo("first_name");
        assertThat(api.patch(PROFILE, org.adminToken(), Map.of("avatar_url", "javascript:alert(1)")).expect(422)
                .errorField()).isEqualTo("avatar_url");
        assertThat(api.patch(PROFILE, org.adminToken(), Map.of("last_name", "x".repeat(101))).expect(422)
                .errorField()).isEqualTo("last_name");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequests() {
        Org org = registerOrganization();

        api.raw("PATCH", PROFILE, org.adminToken(), "application/json", "{\"first_name\":").expect(400);
        assertThat(api.patch(PROFILE, org.adminToken(), Map.of("preferences", "dark")).expect(400).errorField())
                .isEqualTo("preferences");
        assertThat(api.patch(PROFILE, org.adminToken(), Map.of("first_name", List.of("A"))).expect(400).errorField())
                .isEqualTo("first_name");
        api.raw("POST", PROFILE + "/password", org.adminToken(), "application/json", "[").expect(400);
    }

    @Test
    void withoutProfilePermissionTheProfileIsForbidden() {
        Org org = registerOrganization();
        String key = ApiKeyTests.createKey(api, org.adminToken(), List.of("organization:read"));

        ApiKeyTests.withKey(api, "GET", PROFILE, key).expect(403);
        ApiKeyTests.withKey(api, "PATCH", PROFILE, key, Map.of("first_name", "X")).expect(403);
        ApiKeyTests.withKey(api, "POST", PROFILE + "/password", key,
                Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD)).expect(403);
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsButNotThisOne() {
        Org org = registerOrganization();
        var other = login(org.slug(), org.adminEmail(), PASSWORD).expect(200).data();

        api.post(PROFILE + "/password", org.adminToken(),
                Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD)).expect(200);

        api.get("/api/v1/auth/me", org.adminToken()).expect(200);
        api.get("/api/v1/auth/me", other.get("access_token").asString()).expect(401);
        api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", other.get("refresh_token").asString()))
                .expect(401);
        login(org.slug(), org.adminEmail(), PASSWORD).expect(401);
        login(org.slug(), org.adminEmail(), NEW_PASSWORD).expect(200);
        assertThat(audited(org, "password.changed")).isEqualTo(1);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedNamingIt() {
        Org org = registerOrganization();

        var response = api.post(PROFILE + "/password", org.adminToken(),
                Map.of("current_password", "not-my-password", "new_password", NEW_PASSWORD)).expect(422);

        assertThat(response.errorField()).isEqualTo("current_password");
        login(org.slug(), org.adminEmail(), PASSWORD).expect(200);
    }

    @Test
    void aWeakNewPasswordIsRefusedNamingIt() {
        Org org = registerOrganization();

        assertThat(api.post(PROFILE + "/password", org.adminToken(),
                Map.of("current_password", PASSWORD, "new_password", "short")).expect(422).errorField())
                .isEqualTo("new_password");
        assertThat(api.post(PROFILE + "/password", org.adminToken(),
                Map.of("current_password", PASSWORD, "new_password", PASSWORD)).expect(422).errorField())
                .isEqualTo("new_password");
        assertThat(api.post(PROFILE + "/password", org.adminToken(), Map.of("new_password", NEW_PASSWORD))
                .expect(422).errorField()).isEqualTo("current_password");
    }

    private Response patchPreferences(Org org, Map<String, Object> preferences) {
        return api.patch(PROFILE, org.adminToken(), Map.of("preferences", preferences));
    }

    private int audited(Org org, String action) {
        return tenancy.callAs(org.id(), () -> db.fetchCount(AUDIT_LOGS, AUDIT_LOGS.ORGANIZATION_ID.eq(org.id()),
                AUDIT_LOGS.ACTION.eq(action)));
    }
}
