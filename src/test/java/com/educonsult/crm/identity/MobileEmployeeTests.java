package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;
import static com.educonsult.crm.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

class MobileEmployeeTests extends ApiTest {

    @Test
    void updateFcmStoresTheDeviceToken() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var response = api.post("/api/v1/employee/updateFCM", agent.token(), Map.of("fcmToken", "fcm-abc")).expect(200);

        assertThat(response.raw()).isEqualTo("{\"status\":true,\"message\":\"FCM token updated\"}");
        String stored = tenancy.callAs(org.id(), () -> db.select(USERS.FCM_TOKEN).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(org.id()), USERS.ID.eq(agent.id())).fetchSingle(USERS.FCM_TOKEN));
        assertThat(stored).isEqualTo("fcm-abc");
    }

    @Test
    void updateFcmWithoutATokenNamesTheField() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/employee/updateFCM", org.adminToken(), Map.of()).expect(422);

        assertThat(response.errorField()).isEqualTo("fcmToken");
        assertThat(response.body().get("status").asBoolean(true)).isFalse();
        api.raw("POST", "/api/v1/employee/updateFCM", org.adminToken(), "application/json", "{\"fcmToken\": {}}")
                .expect(400);
    }

    @Test
    void settingsAreSavedOverTheStoredOnesAndShownInTheAppSettings() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        api.post("/api/v1/employee/settings/save", counselor.token(),
                Map.of("syncCallLogs", true, "uploadOnWifiOnly", true, "simSlots", List.of(1, 2))).expect(200);

        var saved = api.post("/api/v1/employee/settings/save", counselor.token(),
                Map.of("uploadOnWifiOnly", false, "syncIntervalMinutes", 30)).expect(200);

        assertThat(saved.data().toString()).isEqualTo("{\"syncCallLogs\":true,\"uploadRecordings\":null,"
                + "\"uploadOnWifiOnly\":false,\"showCallerPopup\":null,\"recordingPath\":null,\"simSlots\":[1,2],"
                + "\"syncIntervalMinutes\":30}");
        var settings = api.get("/api/v1/app/getSettings", counselor.token()).expect(200);
        assertThat(settings.data().get("userSettings")).isEqualTo(saved.data());
        api.patch("/api/v1/users/profile", counselor.token(), Map.of("preferences", Map.of("theme", "dark")))
                .expect(200);
        assertThat(api.get("/api/v1/app/getSettings", counselor.token()).data().get("userSettings"))
                .isEqualTo(saved.data());
    }

    @Test
    void settingsOutOfRangeNameTheField() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/employee/settings/save", org.adminToken(), Map.of("syncIntervalMinutes", 1))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("syncIntervalMinutes");
        api.post("/api/v1/employee/settings/save", org.adminToken(), Map.of("syncCallLogs", "often")).expect(400);
    }

    @Test
    void theEmployeeListShowsTheOrganizationsActiveUsersToAnAdmin() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        Org other = registerOrganization();

        var response = api.post("/api/v1/employee/get/customer/employees", org.adminToken(), Map.of()).expect(200);

        assertThat(response.data().size()).isEqualTo(2);
        assertThat(response.raw()).doesNotContain(other.adminEmail()).doesNotContain("password");
        var found = api.post("/api/v1/employee/get/customer/employees", org.adminToken(),
                Map.of("role", "agent")).expect(200);
        assertThat(found.data().size()).isEqualTo(1);
        assertThat(found.data().get(0).get("id").asString()).isEqualTo(agent.id().toString());
        assertThat(found.data().get(0).get("fullName").asString()).isEqualTo("Test agent");
        assertThat(found.data().get(0).get("roles").toString()).isEqualTo("[\"agent\"]");
    }

    @Test
    void anAgentMayNotListEmployees() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var response = api.post("/api/v1/employee/get/customer/employees", agent.token(), Map.of()).expect(403);

        assertThat(response.body().get("status").asBoolean(true)).isFalse();
    }

    @Test
    void theEmployeeListRefusesAWrongType() {
        Org org = registerOrganization();

        api.post("/api/v1/employee/get/customer/employees", org.adminToken(), Map.of("branchId", "nope")).expect(400);
    }

    @Test
    void validateNumberFindsTheUserOfAPhoneInAnyFormat() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        String phone = OneTimeCodeTests.newPhone();
        tenancy.runAs(org.id(), () -> db.update(USERS).set(USERS.PHONE, phone)
                .where(USERS.ORGANIZATION_ID.eq(org.id()), USERS.ID.eq(agent.id())).execute());
        String local = "0" + phone.substring(3);

        var response = api.post("/api/v1/employee/validateNumber", org.adminToken(), Map.of("phone", local)).expect(200);

        assertThat(response.data().toString()).isEqualTo("{\"phone\":\"" + local + "\",\"valid\":true,\"normalized\":\""
                + phone + "\",\"employee\":true,\"employeeId\":\"" + agent.id() + "\",\"employeeName\":\"Test agent\","
                + "\"self\":false}");
        var invalid = api.post("/api/v1/employee/validateNumber", org.adminToken(), Map.of("phone", "12")).expect(200);
        assertThat(invalid.data().get("valid").asBoolean(true)).isFalse();
        assertThat(invalid.data().get("employee").asBoolean(true)).isFalse();
        Org other = registerOrganization();
        var elsewhere = api.post("/api/v1/employee/validateNumber", other.adminToken(), Map.of("phone", phone))
                .expect(200);
        assertThat(elsewhere.data().get("employee").asBoolean(true)).isFalse();
    }

    @Test
    void validateNumberWithoutAPhoneNamesIt() {
        Org org = registerOrganization();

        assertThat(api.post("/api/v1/employee/validateNumber", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("phone");
    }

    @Test
    void theSubscriptionIsWhatTheOrganizationsSettingsSay() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        tenancy.runAs(org.id(), () -> db.update(ORGANIZATIONS)
                .set(ORGANIZATIONS.SETTINGS, JSONB.valueOf("{\"max_users\": 5, \"features\": {\"whatsapp\": false}}"))
                .where(ORGANIZATIONS.ID.eq(org.id())).execute());

        var detail = api.post("/api/v1/employee/subscriptionDetail", agent.token(), Map.of()).expect(200);

        assertThat(detail.data().toString()).isEqualTo("{\"plan\":\"trial\",\"expiresAt\":null,\"active\":true,"
                + "\"seatsUsed\":2,\"seatsAllowed\":5,\"storageQuotaBytes\":10737418240,\"recordingRetentionDays\":90,"
                + "\"features\":{\"callLogSync\":true,\"callRecording\":true,\"leadManagement\":true,"
                + "\"noteTemplates\":true,\"messageTemplates\":true,\"whatsapp\":false,\"courseCatalog\":true}}");
        assertThat(api.post("/api/v1/feature/subscription", agent.token(), Map.of()).expect(200).data())
                .isEqualTo(detail.data());
    }

    @Test
    void featureStatusAndAppSettingsFollowTheOrganizationsSettings() {
        Org org = registerOrganization();
        tenancy.runAs(org.id(), () -> db.update(ORGANIZATIONS)
                .set(ORGANIZATIONS.SETTINGS, JSONB.valueOf("{\"call_recording_enabled\": false, "
                        + "\"sync_interval_minutes\": 30}"))
                .where(ORGANIZATIONS.ID.eq(org.id())).execute());

        var features = api.get("/api/v1/feature/getStatus", org.adminToken()).expect(200);
        var settings = api.get("/api/v1/app/getSettings", org.adminToken()).expect(200);

        assertThat(features.body().get("status").asBoolean()).isTrue();
        assertThat(features.data().get("features").get("callRecording").asBoolean(true)).isFalse();
        assertThat(settings.data().toString()).isEqualTo("{\"organizationId\":\"" + org.id() + "\","
                + "\"organizationName\":\"Consultancy " + org.slug() + "\",\"organizationSlug\":\"" + org.slug() + "\","
                + "\"timeZone\":\"Asia/Kolkata\",\"currency\":\"INR\",\"country\":null,\"callRecordingEnabled\":false,"
                + "\"syncIntervalMinutes\":30,\"recordingRetentionDays\":90,\"features\":" + features.data().get("features")
                + ",\"userSettings\":{\"syncCallLogs\":null,\"uploadRecordings\":null,\"uploadOnWifiOnly\":null,"
                + "\"showCallerPopup\":null,\"recordingPath\":null,\"simSlots\":null,\"syncIntervalMinutes\":null}}");
    }

    @Test
    void theAppsRoutesNeedALogin() {
        var response = api.get("/api/v1/app/getSettings", null).expect(401);

        assertThat(response.body().get("status").asBoolean(true)).isFalse();
    }
}
