package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.OTP_CODES;
import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OneTimeCodeTests extends ApiTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Test
    void aCodeSentBySmsVerifiesAndYieldsAVerificationToken() {
        String phone = newPhone();

        var sent = send(Map.of("phone", phone, "purpose", "verify_phone")).expect(200);

        assertThat(sent.data().get("channel").asString()).isEqualTo("sms");
        assertThat(sent.data().get("expires_in").asLong()).isEqualTo(300);
        String code = lastCodeSentTo(phone);
        assertThat(sent.raw()).doesNotContain(code);
        var verified = verify(phone, code, "verify_phone").expect(200);
        assertThat(verified.data().get("verified").asBoolean()).isTrue();
        assertThat(verified.data().get("verification_token").asString()).isNotBlank();
        assertThat(verified.raw()).doesNotContain("\"" + code + "\"");
    }

    @Test
    void theCodeIsStoredOnlyAsAHash() {
        String phone = newPhone();
        send(Map.of("phone", phone, "purpose", "login")).expect(200);
        String code = lastCodeSentTo(phone);

        byte[] stored = db.select(OTP_CODES.CODE_HASH).from(OTP_CODES).where(OTP_CODES.TARGET.eq(phone))
                .fetchSingle(OTP_CODES.CODE_HASH);

        assertThat(stored).hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(code);
    }

    @Test
    void aPhoneWrittenLocallyIsNormalizedToE164() {
        String local = "0" + newPhone().substring(3);

        send(Map.of("phone", local, "purpose", "login")).expect(200);

        String e164 = "+91" + local.substring(1);
        assertThat(lastCodeSentTo(e164)).hasSize(6);
    }

    @Test
    void anEmailGetsItsCodeByEmail() {
        String email = unique("otp") + "@mail.test";

        var sent = send(Map.of("email", email.toUpperCase(), "purpose", "verify_email")).expect(200);

        assertThat(sent.data().get("channel").asString()).isEqualTo("email");
        String channel = db.select(RECORDED_MESSAGES.CHANNEL).from(RECORDED_MESSAGES)
                .where(RECORDED_MESSAGES.RECIPIENT.eq(email)).fetchSingle(RECORDED_MESSAGES.CHANNEL);
        assertThat(channel).isEqualTo("email");
        verify(Map.of("email", email, "code", lastCodeSentTo(email), "purpose", "verify_email")).expect(200);
    }

    @Test
    void aCodeForAnOrganizationIsRecordedForItAndOnlyVerifiesThere() {
        Org org = registerOrganization();
        String phone = newPhone();

        send(Map.of("phone", phone, "purpose", "login", "organization_slug", org.slug())).expect(200);
        String code = lastCodeSentTo(phone);

        assertThat(db.select(RECORDED_MESSAGES.FOR_ORGANIZATION).from(RECORDED_MESSAGES)
                .where(RECORDED_MESSAGES.RECIPIENT.eq(phone)).fetchSingle(RECORDED_MESSAGES.FOR_ORGANIZATION))
                .isEqualTo(org.id());
        verify(phone, code, "login").expect(422);
        verify(Map.of("phone", phone, "code", code, "purpose", "login", "organization_slug", org.slug())).expect(200);
    }

    @Test
    void aCodeWorksOnlyOnce() {
        String phone = newPhone();
        send(Map.of("phone", phone, "purpose", "login")).expect(200);
        String code = lastCodeSentTo(phone);

        verify(phone, code, "login").expect(200);

        assertThat(verify(phone, code, "login").expect(422).errorField()).isEqualTo("code");
    }

    @Test
    void theSixthTryFailsEvenWithTheRightCode() {
        String phone = newPhone();
        send(Map.of("phone", phone, "purpose", "login")).expect(200);
        String code = lastCodeSentTo(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            verify(phone, wrong, "login").expect(422);
        }

        assertThat(verify(phone, code, "login").expect(422).errorField()).isEqualTo("code");
    }

    @Test
    void aWrongPurposeDoesNotVerify() {
        String phone = newPhone();
        send(Map.of("phone", phone, "purpose", "login")).expect(200);

        verify(phone, lastCodeSentTo(phone), "register").expect(422);
    }

    @Test
    void anExpiredCodeFails() {
        String phone = newPhone();
        send(Map.of("phone", phone, "purpose", "login")).expect(200);
        String code = lastCodeSentTo(phone);
        db.update(OTP_CODES).set(OTP_CODES.EXPIRES_AT, OffsetDateTime.now().minusSeconds(1))
                .where(OTP_CODES.TARGET.eq(phone)).execute();

        verify(phone, code, "login").expect(422);
    }

    @Test
    void onlyTheNewestCodeCounts() {
        String phone = newPhone();
        send(Map.of("phone", phone, "purpose", "login")).expect(200);
        String first = lastCodeSentTo(phone);
        send(Map.of("phone", phone, "purpose", "login")).expect(200);
        String second = lastCodeSentTo(phone);

        if (!first.equals(second)) {
            verify(phone, first, "login").expect(422);
        }
        verify(phone, second, "login").expect(200);
    }

    @Test
    void theFourthSendInTenMinutesIsTooManyRequests() {
        String phone = newPhone();
        for (int i = 0; i < 3; i++) {
            send(Map.of("phone", phone, "purpose", "login")).expect(200);
        }

        var refused = send(Map.of("phone", phone, "purpose", "verify_phone")).expect(429);

        assertThat(refused.body().get("message").asString()).contains("10 minutes");
    }

    @Test
    void theEleventhSendInADayIsTooManyRequests() {
        String phone = newPhone();
        for (int i = 0; i < 10; i++) {
            db.insertInto(OTP_CODES).set(OTP_CODES.SCOPE, "").set(OTP_CODES.PURPOSE, "login")
                    .set(OTP_CODES.TARGET, phone).set(OTP_CODES.CODE_HASH, new byte[32])
                    .set(OTP_CODES.CREATED_AT, OffsetDateTime.now().minusHours(1 + i))
                    .set(OTP_CODES.EXPIRES_AT, OffsetDateTime.now().minusHours(1)).execute();
        }

        var refused = send(Map.of("phone", phone, "purpose", "login")).expect(429);

        assertThat(refused.body().get("message").asString()).contains("a day");
    }

    @Test
    void neitherPhoneNorEmailIsRefusedNamingPhone() {
        assertThat(send(Map.of("purpose", "login")).expect(422).errorField()).isEqualTo("phone");
    }

    @Test
    void bothPhoneAndEmailAreRefused() {
        send(Map.of("phone", newPhone(), "email", "a@b.test", "purpose", "login")).expect(422);
    }

    @Test
    void anInvalidPhoneIsRefusedNamingPhone() {
        assertThat(send(Map.of("phone", "12", "purpose", "login")).expect(422).errorField()).isEqualTo("phone");
    }

    @Test
    void anUnknownPurposeIsRefusedNamingPurpose() {
        assertThat(send(Map.of("phone", newPhone(), "purpose", "anything")).expect(422).errorField())
                .isEqualTo("purpose");
    }

    @Test
    void anUnknownOrganizationIsRefusedNamingIt() {
        assertThat(send(Map.of("phone", newPhone(), "purpose", "login", "organization_slug", unique("none")))
                .expect(422).errorField()).isEqualTo("organization_slug");
    }

    @Test
    void aCodeThatIsNotSixDigitsIsRefusedNamingCode() {
        assertThat(verify(newPhone(), "12ab", "login").expect(422).errorField()).isEqualTo("code");
    }

    @Test
    void malformedJsonIsABadRequest() {
        api.raw("POST", "/api/v1/auth/otp/send", null, "application/json", "{\"phone\":").expect(400);
        api.raw("POST", "/api/v1/auth/otp/verify", null, "application/json", "not json").expect(400);
    }

    @Test
    void aWrongTypeIsABadRequestNamingTheField() {
        var response = send(Map.of("phone", Map.of("n", 1), "purpose", "login")).expect(400);

        assertThat(response.errorField()).isEqualTo("phone");
        verify(Map.of("phone", newPhone(), "code", java.util.List.of(1), "purpose", "login")).expect(400);
    }

    private Response send(Map<String, ?> body) {
        return api.post("/api/v1/auth/otp/send", null, body);
    }

    private Response verify(String phone, String code, String purpose) {
        return verify(Map.of("phone", phone, "code", code, "purpose", purpose));
    }

    private Response verify(Map<String, ?> body) {
        return api.post("/api/v1/auth/otp/verify", null, new HashMap<>(body));
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

    static String newPhone() {
        return "+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
