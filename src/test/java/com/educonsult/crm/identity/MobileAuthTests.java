package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;
import static com.educonsult.crm.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MobileAuthTests extends ApiTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Test
    void theAppLogsInByEmailWithTheSeedsTokenView() {
        Org org = registerOrganization();

        var response = token(org.adminEmail(), PASSWORD, org.slug()).expect(200);

        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(response.body().has("success")).isFalse();
        assertThat(response.data().get("access_token").asString()).isNotBlank();
        assertThat(response.data().get("refresh_token").asString()).startsWith("rt.");
        assertThat(response.data().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(response.data().get("user").get("email").asString()).isEqualTo(org.adminEmail());
        api.get("/api/v1/auth/me", response.data().get("access_token").asString()).expect(200);
    }

    @Test
    void theAppLogsInByPhoneWrittenInAnotherFormat() {
        Org org = registerOrganization();
        String phone = OneTimeCodeTests.newPhone();
        tenancy.runAs(org.id(), () -> db.update(USERS).set(USERS.PHONE, phone)
                .where(USERS.ORGANIZATION_ID.eq(org.id()), USERS.ID.eq(org.adminId())).execute());
        String local = "0" + phone.substring(3, 8) + " " + phone.substring(8);

        var response = token(local, PASSWORD, org.slug()).expect(200);

        assertThat(response.data().get("user").get("id").asString()).isEqualTo(org.adminId().toString());
    }

    @Test
    void aWrongPasswordIsUnauthorizedInTheAppsEnvelope() {
        Org org = registerOrganization();

        var response = token(org.adminEmail(), "not-the-password", org.slug()).expect(401);

        assertThat(response.body().get("status").asBoolean(true)).isFalse();
        assertThat(response.body().get("message").asString()).isEqualTo("Invalid login or password");
    }

    @Test
    void tenFailedLoginsLockTheAccountForTheAppToo() {
        Org org = registerOrganization();
        for (int i = 0; i < 10; i++) {
            token(org.adminEmail(), "wrong-password-" + i, org.slug()).expect(401);
        }

        token(org.adminEmail(), PASSWORD, org.slug()).expect(423);
        login(org.slug(), org.adminEmail(), PASSWORD).expect(423);
    }

    @Test
    void aLoginWithoutOrgSlugNamesTheField() {
        var response = api.post("/api/v1/oauth/token", null, Map.of("username", "a@b.test", "password", PASSWORD))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("org_slug");
        assertThat(response.body().get("status").asBoolean(true)).isFalse();
    }

    @Test
    void aLoginWithWrongTypesIsABadRequest() {
        api.raw("POST", "/api/v1/oauth/token", null, "application/json", "{\"username\": [1], \"password\": 2}")
                .expect(400);
        api.raw("POST", "/api/v1/oauth/token", null, "application/json", "{not json").expect(400);
    }

    @Test
    void aVerifiedPhoneJoinsAnOrganizationBySlugAsAnAgent() {
        Org org = registerOrganization();
        String phone = OneTimeCodeTests.newPhone();
        verifyPhone(phone);

        var response = api.post("/api/v1/auth/register", null, join(org, phone, Map.of("org_slug", org.slug())))
                .expect(201);

        assertThat(response.body().get("success").asBoolean()).isTrue();
        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(response.data().get("user").get("roles").toString()).isEqualTo("[\"agent\"]");
        assertThat(response.data().get("user").get("phone").asString()).isEqualTo(phone);
        assertThat(response.data().get("organization").get("id").asString()).isEqualTo(org.id().toString());
    }

    @Test
    void anOrganizationThatClosedSelfRegistrationRefusesToBeJoinedFromTheApp() {
        Org org = registerOrganization();
        api.patch("/api/v1/organization", org.adminToken(),
                Map.of("settings", Map.of("app_self_registration", false))).expect(200);
        String phone = OneTimeCodeTests.newPhone();
        verifyPhone(phone);

        var refused = api.post("/api/v1/auth/register", null, join(org, phone, Map.of("org_slug", org.slug())))
                .expect(403);

        assertThat(refused.body().get("message").asString()).contains("invitation");
        api.patch("/api/v1/organization", org.adminToken(),
                Map.of("settings", Map.of("app_self_registration", true))).expect(200);
        api.post("/api/v1/auth/register", null, join(org, phone, Map.of("org_slug", org.slug()))).expect(201);
    }

    @Test
    void aVerifiedPhoneJoinsAnOrganizationByIdOnce() {
        Org org = registerOrganization();
        String phone = OneTimeCodeTests.newPhone();
        verifyPhone(phone);
        Map<String, Object> body = join(org, phone, Map.of("organization_id", org.id().toString()));

        api.post("/api/v1/auth/register", null, body).expect(201);

        body.put("email", unique("again") + "@x.test");
        body.put("phone", OneTimeCodeTests.newPhone());
        var again = api.post("/api/v1/auth/register", null, body).expect(422);
        assertThat(again.errorField()).isEqualTo("phone");
    }

    @Test
    void joiningWithoutAVerifiedPhoneIsRefusedNamingThePhone() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/auth/register", null,
                join(org, OneTimeCodeTests.newPhone(), Map.of("org_slug", org.slug()))).expect(422);

        assertThat(response.errorField()).isEqualTo("phone");
        assertThat(response.body().get("success").asBoolean(true)).isFalse();
    }

    @Test
    void joiningAnUnknownOrganizationNamesTheField() {
        Org org = registerOrganization();
        var response = api.post("/api/v1/auth/register", null,
                join(org, OneTimeCodeTests.newPhone(), Map.of("organization_id", UUID.randomUUID().toString())))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("organization_id");
    }

    @Test
    void joiningWithoutAPhoneNamesThePhone() {
        Org org = registerOrganization();
        Map<String, Object> body = join(org, "x", Map.of("org_slug", org.slug()));
        body.remove("phone");

        assertThat(api.post("/api/v1/auth/register", null, body).expect(422).errorField()).isEqualTo("phone");
    }

    @Test
    void joiningWithAWrongTypeIsABadRequest() {
        Org org = registerOrganization();
        Map<String, Object> body = join(org, OneTimeCodeTests.newPhone(), Map.of("org_slug", org.slug()));
        body.put("first_name", Map.of("a", 1));

        assertThat(api.post("/api/v1/auth/register", null, body).expect(400).errorField()).isEqualTo("first_name");
    }

    @Test
    void theCanonicalRegistrationAnswersWithBothKeys() {
        String slug = unique("org");
        var response = api.post("/api/v1/auth/register", null, Map.of("organization_name", "C", "organization_slug",
                slug, "first_name", "A", "email", "a@" + slug + ".test", "password", PASSWORD)).expect(201);

        assertThat(response.body().get("success").asBoolean()).isTrue();
        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(response.body().get("message").asString()).isEqualTo("Organization created");
        assertThat(response.data().get("user").get("roles").toString()).contains("admin");
    }

    @Test
    void sendingAnOtpDeliversItBySmsAndAWrongOneIsRefusedNamingOtp() {
        String phone = OneTimeCodeTests.newPhone();

        var sent = api.post("/api/v1/auth/register/sendOTP", null, Map.of("phone", phone)).expect(200);

        assertThat(sent.body().get("status").asBoolean()).isTrue();
        assertThat(sent.body().get("message").asString()).isEqualTo("OTP sent successfully");
        assertThat(sent.data().get("phone").asString()).isEqualTo(phone);
        assertThat(sent.data().get("expiresIn").asLong()).isEqualTo(300);
        String code = lastCodeSentTo(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        var refused = api.post("/api/v1/auth/register/verifyOTP", null, Map.of("phone", phone, "otp", wrong))
                .expect(422);
        assertThat(refused.errorField()).isEqualTo("otp");
        assertThat(refused.body().get("status").asBoolean(true)).isFalse();
        var verified = api.post("/api/v1/auth/register/verifyOTP", null, Map.of("phone", phone, "otp", code))
                .expect(200);
        assertThat(verified.data().get("verified").asBoolean()).isTrue();
        assertThat(verified.data().get("validUntil").asString()).isNotBlank();
    }

    @Test
    void sendingAnOtpWithoutAPhoneNamesThePhone() {
        var response = api.post("/api/v1/auth/register/sendOTP", null, Map.of()).expect(422);

        assertThat(response.errorField()).isEqualTo("phone");
        assertThat(response.body().get("status").asBoolean(true)).isFalse();
    }

    @Test
    void theOtpLimitsOfTheCanonicalServiceHold() {
        String phone = OneTimeCodeTests.newPhone();
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/auth/register/sendOTP", null, Map.of("phone", phone)).expect(200);
        }

        api.post("/api/v1/auth/register/sendOTP", null, Map.of("phone", phone)).expect(429);
    }

    @Test
    void refreshAcceptsRefreshTokenAndAnswersWithBothKeys() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", org.adminRefreshToken()))
                .expect(200);

        assertThat(response.body().get("success").asBoolean()).isTrue();
        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(response.data().get("refresh_token").asString()).isNotEqualTo(org.adminRefreshToken());
        var invalid = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", "rt.nonsense")).expect(401);
        assertThat(invalid.body().get("success").asBoolean(true)).isFalse();
    }

    @Test
    void logoutEndsTheSessionAndForgetsTheFcmToken() {
        Org org = registerOrganization();
        api.post("/api/v1/employee/updateFCM", org.adminToken(), Map.of("fcmToken", "device-token-1")).expect(200);
        assertThat(fcmToken(org)).isEqualTo("device-token-1");

        var response = api.post("/api/v1/auth/logout", org.adminToken(), Map.of()).expect(200);

        assertThat(response.body().get("success").asBoolean()).isTrue();
        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(fcmToken(org)).isNull();
        api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", org.adminRefreshToken())).expect(401);
    }

    private Response token(String username, String password, String slug) {
        return api.post("/api/v1/oauth/token", null, Map.of("username", username, "password", password,
                "org_slug", slug));
    }

    private void verifyPhone(String phone) {
        api.post("/api/v1/auth/register/sendOTP", null, Map.of("phone", phone)).expect(200);
        api.post("/api/v1/auth/register/verifyOTP", null, Map.of("phone", phone, "otp", lastCodeSentTo(phone)))
                .expect(200);
    }

    private static Map<String, Object> join(Org org, String phone, Map<String, Object> organization) {
        Map<String, Object> body = new HashMap<>(organization);
        body.put("first_name", "Ravi");
        body.put("last_name", "Kumar");
        body.put("email", unique("ravi") + "@" + org.slug() + ".test");
        body.put("phone", phone);
        body.put("password", PASSWORD);
        return body;
    }

    private String fcmToken(Org org) {
        return tenancy.callAs(org.id(), () -> db.select(USERS.FCM_TOKEN).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(org.id()), USERS.ID.eq(org.adminId())).fetchSingle(USERS.FCM_TOKEN));
    }

    private String lastCodeSentTo(String recipient) {
        String body = db.select(RECORDED_MESSAGES.BODY).from(RECORDED_MESSAGES)
                .where(RECORDED_MESSAGES.RECIPIENT.eq(recipient))
                .orderBy(RECORDED_MESSAGES.CREATED_AT.desc(), RECORDED_MESSAGES.ID.desc())
                .limit(1)
                .fetchSingle(RECORDED_MESSAGES.BODY);
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as("a code in %s", body).isTrue();
        return matcher.group(1);
    }
}
