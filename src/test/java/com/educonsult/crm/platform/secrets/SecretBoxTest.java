package com.educonsult.crm.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void aSealedSecretOpensToItselfAndDoesNotContainIt() {
        SecretBox box = new SecretBox(key(), List.of());

        String sealed = box.seal("EAAB-page-token-123");

        assertThat(sealed).startsWith("v1.").doesNotContain("EAAB-page-token-123");
        assertThat(box.open(sealed)).isEqualTo("EAAB-page-token-123");
        assertThat(box.seal("EAAB-page-token-123")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anAlteredSecretIsRefused() {
        SecretBox box = new SecretBox(key(), List.of());
        String sealed = box.seal("secret");
        int cut = sealed.lastIndexOf('.') + 1;
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(cut));
        bytes[bytes.length / 2] ^= 1;
        String altered = sealed.substring(0, cut) + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> box.open(altered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterARotationOldSecretsStillOpenAndAreSealedAgainWithTheNewKey() {
        byte[] oldKey = key();
        String sealedBefore = new SecretBox(oldKey, List.of()).seal("whsec_abc");
        SecretBox rotated = new SecretBox(key(), List.of(oldKey));

        assertThat(rotated.open(sealedBefore)).isEqualTo("whsec_abc");
        assertThat(rotated.sealedWithOlderKey(sealedBefore)).isTrue();
        String resealed = rotated.reseal(sealedBefore);
        assertThat(rotated.sealedWithOlderKey(resealed)).isFalse();
        assertThat(new SecretBox(key(), List.of()).sealedWithOlderKey(resealed)).isTrue();
        assertThat(rotated.open(resealed)).isEqualTo("whsec_abc");
    }

    @Test
    void aSecretSealedWithAKeyNoLongerConfiguredIsRefusedSayingSo() {
        String sealed = new SecretBox(key(), List.of()).seal("x");

        assertThatThrownBy(() -> new SecretBox(key(), List.of()).open(sealed))
                .hasMessageContaining("not configured");
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheKeyFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys/secrets-key");
        SecretsProperties properties = new SecretsProperties(null, file.toString(), List.of());

        String sealed = SecretBox.from(properties).seal("kept");

        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(SecretBox.from(properties).open(sealed)).isEqualTo("kept");
    }
}
