package com.educonsult.crm.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwtSecret base64 HMAC key (at least 32 bytes) for access tokens; when blank, one is generated once
 *                  and kept in {@code jwtSecretFile}
 * @param jwtSecretFile where the generated key is kept
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a session without use of its refresh token
 * @param impersonationTtl lifetime of an impersonation token (at most an hour)
 */
@ConfigurationProperties("crm.identity")
record IdentityProperties(
        String jwtSecret,
        @DefaultValue("./data/jwt-secret") String jwtSecretFile,
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("P30D") Duration refreshTokenTtl,
        @DefaultValue("PT30M") Duration impersonationTtl) {
}
