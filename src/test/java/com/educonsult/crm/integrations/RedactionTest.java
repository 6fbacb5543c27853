package com.educonsult.crm.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void tokensSecretsAndPasswordsInJsonAreRedactedAndTheRestKept() {
        String body = "{\"access_token\":\"EAAB123\",\"app_secret\": \"s3cr\\\"et\",\"password\":\"pw\","
                + "\"google_key\":\"gk\",\"pin\":1234,\"apiKey\":42,\"email\":\"asha@example.com\"}";

        String redacted = Redaction.redact(body);

        assertThat(redacted).doesNotContain("EAAB123", "s3cr", "\"pw\"", "\"gk\"", "42")
                .contains("\"access_token\":\"[redacted]\"", "\"apiKey\":\"[redacted]\"",
                        "\"email\":\"asha@example.com\"", "\"pin\":1234");
    }

    @Test
    void tokensInAddressesFormsAndAuthorizationHeadersAreRedacted() {
        assertThat(Redaction.redact("https://graph.facebook.com/v21.0/123?fields=id&access_token=EAAB9&x=1"))
                .isEqualTo("https://graph.facebook.com/v21.0/123?fields=id&access_token=[redacted]&x=1");
        assertThat(Redaction.redact("name=Asha&client_secret=abc&phone=98"))
                .isEqualTo("name=Asha&client_secret=[redacted]&phone=98");
        assertThat(Redaction.redact("Authorization: Bearer eyJhbGciOi.abc.def")).isEqualTo(
                "Authorization: Bearer [redacted]");
    }

    @Test
    void aLongBodyIsCut() {
        String redacted = Redaction.redact("x".repeat(Redaction.MAX_LENGTH + 500));

        assertThat(redacted).hasSizeLessThan(Redaction.MAX_LENGTH + 20).endsWith("(cut)");
    }
}
