package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Sign-in and sign-out of the web console. A browser session is a row of the same sessions table as the API's: the
 * login checks the password with the same lockout, and the cookie carries a signed token naming that session, so
 * revoking the session (from the API, the sessions page or a password reset) ends the browser session at the next
 * request.
 */
@Service
public class ConsoleSessions {

    static final String DEVICE_NAME = "Web console";

    /** What the browser keeps: the cookie's value and how long it may keep it. */
    public record SignedIn(String token, Duration maxAge) {
    }

    private final Authentication authentication;
    private final AccessTokens accessTokens;
    private final IdentityProperties properties;
    private final Clock clock;

    ConsoleSessions(Authentication authentication, AccessTokens accessTokens, IdentityProperties properties,
            Clock clock) {
        this.authentication = authentication;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Opens a console session for an email or phone and password in an organization.
     *
     * @throws com.educonsult.crm.platform.web.ApiException 401 for a wrong login, 423 while the account is locked,
     *         400 naming the field that is missing
     */
    public SignedIn signIn(String login, String password, String organizationSlug, String browser) {
        AuthViews.Tokens tokens = authentication.login(new AuthRequests.Login(null, null, login, password,
                organizationSlug, DEVICE_NAME, browser == null ? null : Map.of("browser", browser)));
        Duration lifetime = properties.refreshTokenTtl();
        Instant expiresAt = clock.instant().plus(lifetime);
        String token = accessTokens.issue(new AccessTokens.Claims(tokens.organization().id(), tokens.user().id(),
                tokens.sessionId(), null, expiresAt));
        return new SignedIn(token, lifetime);
    }

    /** Ends the browser's session: its cookie is refused from now on, on every server. */
    public void signOut(CurrentUser user) {
        authentication.logout(user.organizationId(), user.userId(), user.sessionId());
    }
}
