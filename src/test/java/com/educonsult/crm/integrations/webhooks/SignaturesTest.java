package com.educonsult.crm.integrations.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void theSignatureMatchesTheStandardWebhooksReferenceVector() {
        assertThat(Signatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIsThirtyTwoRandomBytesAfterThePrefix() {
        String secret = Signatures.newSecret();

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(Signatures.newSecret()).isNotEqualTo(secret);
    }
}
