package com.educonsult.crm.platform.secrets;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that seals provider credentials and tokens at rest.
 *
 * @param key base64 AES key (16, 24 or 32 bytes); generated once into {@code keyFile} when blank
 * @param keyFile where the generated key is kept
 * @param previousKeys keys used before a rotation: still opened, never used to seal; values sealed with them are
 *                     sealed again with the current key by {@link SecretBox#reseal}
 */
@ConfigurationProperties("crm.secrets")
public record SecretsProperties(
        String key,
        @DefaultValue("./data/secrets-key") String keyFile,
        @DefaultValue List<String> previousKeys) {
}
