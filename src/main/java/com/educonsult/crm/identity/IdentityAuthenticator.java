package com.educonsult.crm.identity;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.CredentialAuthenticator;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Authenticates access tokens and API keys. A session's principal is read from the database once and then kept by
 * this server until its session, user, roles or permissions change (on any server: see {@link Principals}), so a
 * revoked session, a deactivated user or a changed role takes effect at the next request, not when the token
 * expires.
 */
@Component
class IdentityAuthenticator implements CredentialAuthenticator {

    private final AccessTokens accessTokens;
    private final Clock clock;
    private final Principals principals;
    private final ApiKeys apiKeys;
    private final Tenancy tenancy;

    IdentityAuthenticator(AccessTokens accessTokens, Clock clock, Principals principals, ApiKeys apiKeys,
            Tenancy tenancy) {
        this.accessTokens = accessTokens;
        this.clock = clock;
        this.principals = principals;
        this.apiKeys = apiKeys;
        this.tenancy = tenancy;
    }

    @Override
    public CurrentUser authenticateAccessToken(String token) {
        AccessTokens.Claims claims = accessTokens.verify(token);
        if (claims == null) {
            throw new InvalidCredentialsException("Invalid or expired access token");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        CurrentUser user = principals.forSession(claims.organizationId(), claims.userId(), claims.sessionId(),
                claims.impersonatorId(), now, () -> tenancy.callAs(claims.organizationId(), () -> principals.loadForSession(
                        claims.organizationId(), claims.userId(), claims.sessionId(), claims.impersonatorId(), now)))
                .orElse(null);
        if (user == null) {
            throw new InvalidCredentialsException("The session has ended or the user is deactivated");
        }
        return user;
    }

    @Override
    public CurrentUser authenticateApiKey(String key) {
        return apiKeys.authenticate(key)
                .orElseThrow(() -> new InvalidCredentialsException("Invalid, revoked or expired API key"));
    }
}
