package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PasswordResetTests extends ApiTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Test
    void aVerifiedResetCodeSetsANewPasswordOnceAndEndsEverySession() {
        Org org = registerOrganization();
        String token = verifiedReset(org);

        api.post("/api/v1/auth/password/reset", null, Map.of("verification_token", token,
                "password", "Brand-New-Pass-77")).expect(200);

        api.get("/api/v1/auth/me", org.adminToken()).expect(401);
        login(org.slug(), org.adminEmail(), PASSWORD).expect(401);
        login(org.slug(), org.adminEmail(), "Brand-New-Pass-77").expect(200);
        var again = api.post("/api/v1/auth/password/reset", null, Map.of("verification_token", token,
                "password", "Another-Pass-88")).expect(422);
        assertThat(again.errorField()).isEqualTo("verification_token");
    }

    @Test
    void aWeakPasswordOrAForgedVerificationIsRefusedNamingTheField() {
        Org org = registerOrganization();
        String token = verifiedReset(org);
        assertThat(api.post("/api/v1/auth/password/reset", null, Map.of("verification_token", token,
                "password", "too-short")).expect(422).errorField()).isEqualTo("password");
        assertThat(api.post("/api/v1/auth/password/reset", null, Map.of("verification_token", "forged",
                "password", "Brand-New-Pass-77")).expect(422).errorField()).isEqualTo("verification_token");
        login(org.slug(), org.adminEmail(), PASSWORD).expect(200);
    }

    @Test
    void aCodeForAnotherPurposeCannotResetAPassword() {
        Org org = registerOrganization();
        api.post("/api/v1/auth/otp/send", null, Map.of("email", org.adminEmail(), "purpose", "verify_email",
                "organization_slug", org.slug())).expect(200);
        String token = api.post("/api/v1/auth/otp/verify", null, Map.of("email", org.adminEmail(),
                "code", lastCodeSentTo(org.adminEmail()), "purpose", "verify_email",
                "organization_slug", org.slug())).expect(200).data().get("verification_token").asString();
        api.post("/api/v1/auth/password/reset", null, Map.of("verification_token", token,
                "password", "Brand-New-Pass-77")).expect(422);
    }

    private String verifiedReset(Org org) {
        api.post("/api/v1/auth/otp/send", null, Map.of("email", org.adminEmail(), "purpose", "reset_password",
                "organization_slug", org.slug())).expect(200);
        return api.post("/api/v1/auth/otp/verify", null, Map.of("email", org.adminEmail(),
                "code", lastCodeSentTo(org.adminEmail()), "purpose", "reset_password",
                "organization_slug", org.slug())).expect(200).data().get("verification_token").asString();
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
