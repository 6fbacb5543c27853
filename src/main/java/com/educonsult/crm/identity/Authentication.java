package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_ROLES;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import com.educonsult.crm.jooq.tables.records.UsersRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.Text;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration of organizations, login, token refresh and logout. */
@Service
class Authentication {

    static final int MAX_FAILED_LOGINS = 10;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    private static final String INVALID_LOGIN = "Invalid login or password";

    private final DSLContext db;
    private final Tenancy tenancy;
    private final Organizations organizations;
    private final Users users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final RoleProvisioning roleProvisioning;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final OneTimeCodes oneTimeCodes;
    private final Roles roles;

    Authentication(DSLContext db, Tenancy tenancy, Organizations organizations, Users users, Passwords passwords,
            Sessions sessions, RoleProvisioning roleProvisioning, AuditTrail audit, Clock clock,
            ApplicationEventPublisher events, OneTimeCodes oneTimeCodes, Roles roles) {
        this.events = events;
        this.roles = roles;
        this.oneTimeCodes = oneTimeCodes;
        this.db = db;
        this.tenancy = tenancy;
        this.organizations = organizations;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.roleProvisioning = roleProvisioning;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates an organization, its system roles and its first admin, and logs the admin in. */
    @Transactional
    public AuthViews.Tokens register(AuthRequests.Register request) {
        String slug = request.organizationSlug().toLowerCase();
        if (organizations.slugTaken(slug)) {
            throw ApiException.conflict("organization_slug", "is already taken");
        }
        String email = request.email().trim().toLowerCase();
        passwords.checkPolicy("password", request.password(), email);
        String timeZone = request.timeZone() == null ? "Asia/Kolkata" : checkedTimeZone(request.timeZone());
        String region = request.country() == null ? PhoneNumbers.DEFAULT_REGION : request.country();
        String phone = normalizedPhone("phone", request.phone(), region);

        OrganizationsRecord organization = db.insertInto(ORGANIZATIONS)
                .set(ORGANIZATIONS.ID, Ids.newId())
                .set(ORGANIZATIONS.NAME, request.organizationName().trim())
                .set(ORGANIZATIONS.SLUG, slug)
                .set(ORGANIZATIONS.EMAIL, email)
                .set(ORGANIZATIONS.PHONE, phone)
                .set(ORGANIZATIONS.COUNTRY, request.country())
                .set(ORGANIZATIONS.TIME_ZONE, timeZone)
                .set(ORGANIZATIONS.CURRENCY, request.currency() == null ? "INR" : request.currency())
                .returning()
                .fetchSingle();
        tenancy.bind(organization.getId());
        Map<SystemRoles, UUID> roles = roleProvisioning.createSystemRoles(organization.getId());
        UsersRecord admin = insertUser(organization.getId(), email, phone, request.firstName().trim(),
                request.lastName(), passwords.hash(request.password()), roles.get(SystemRoles.ADMIN));
        events.publishEvent(new OrganizationCreated(organization.getId(), admin.getId()));
        audit.recordBy(admin.getId(), "organization.created", "organization", organization.getId(), null,
                AuthViews.OrganizationSummary.of(organization));
        audit.recordBy(admin.getId(), "user.created", "user", admin.getId(), null, users.view(admin));
        Sessions.IssuedTokens tokens = sessions.open(organization.getId(), admin.getId(), Sessions.Device.UNKNOWN);
        return tokensView(tokens, admin, organization, false);
    }

    /** Organization setting: false closes {@link #join} (the Android app's self-registration); open by default. */
    static final String APP_SELF_REGISTRATION = "app_self_registration";

    /**
     * Registers a new user into an existing organization, as the Android app does: the phone must have been
     * verified by a one-time code within the last minutes, and that verification is used up. The user gets the
     * agent role, the least privileged one, until an administrator grants more.
     */
    @Transactional
    public AuthViews.Tokens join(AuthRequests.JoinOrganization request) {
        OrganizationsRecord organization = joinedOrganization(request);
        if (Boolean.FALSE.equals(users.preferences(organization.getSettings()).get(APP_SELF_REGISTRATION))) {
            throw ApiException.forbidden("This organization does not accept registrations from the app; "
                    + "ask an administrator for an invitation");
        }
        tenancy.bind(organization.getId());
        UUID organizationId = organization.getId();
        String phone = normalizedPhone("phone", request.phone(), Organizations.phoneRegion(organization));
        String email = request.email().trim().toLowerCase();
        if (users.emailTaken(organizationId, email, null)) {
            throw ApiException.conflict("email", "is already used by a user of the organization");
        }
        if (users.phoneTaken(organizationId, phone, null)) {
            throw ApiException.conflict("phone", "is already used by a user of the organization");
        }
        passwords.checkPolicy("password", request.password(), email);
        if (!oneTimeCodes.redeemPhoneVerification(phone, organization.getSlug())) {
            throw ApiException.invalid("phone", "must be verified first: request a code with /auth/register/sendOTP "
                    + "and confirm it with /auth/register/verifyOTP within " + VerificationTokens.TTL.toMinutes()
                    + " minutes");
        }
        UUID roleId = roles.byCodes(organizationId, List.of(SystemRoles.AGENT.code)).get(SystemRoles.AGENT.code).id();
        UsersRecord user = insertUser(organizationId, email, phone, request.firstName().trim(),
                Text.blankToNull(request.lastName()), passwords.hash(request.password()), roleId);
        audit.recordBy(user.getId(), "user.registered", "user", user.getId(), null, users.view(user));
        Sessions.IssuedTokens tokens = sessions.open(organizationId, user.getId(),
                new Sessions.Device(request.deviceName(), users.toJsonb(request.deviceInfo())));
        return tokensView(tokens, user, organization, false);
    }

    private OrganizationsRecord joinedOrganization(AuthRequests.JoinOrganization request) {
        if (request.organizationId() != null) {
            return organizations.find(request.organizationId()).filter(OrganizationsRecord::getActive)
                    .orElseThrow(() -> ApiException.invalid("organization_id", "is not a known organization"));
        }
        return organizations.findBySlug(request.orgSlug()).filter(OrganizationsRecord::getActive)
                .orElseThrow(() -> ApiException.invalid("org_slug", "is not a known organization"));
    }

    /**
     * Checks the password of an email or phone in an organization. Ten failures in a row lock the account for
     * fifteen minutes; the failure count is kept even though the login is refused.
     */
    public AuthViews.Tokens login(AuthRequests.Login request) {
        String identifier = request.identifier();
        if (identifier == null || identifier.isBlank()) {
            throw ApiException.invalid("email", "email, phone or username is required");
        }
        OrganizationsRecord organization = organizations.findBySlug(request.organizationSlug())
                .filter(OrganizationsRecord::getActive)
                .orElse(null);
        if (organization == null) {
            passwords.matches(request.password(), null);
            throw ApiException.unauthorized(INVALID_LOGIN);
        }
        LoginOutcome outcome = tenancy.callAs(organization.getId(), () -> attemptLogin(organization, identifier, request));
        return switch (outcome) {
            case LoginOutcome.Success success -> success.tokens();
            case LoginOutcome.Refused refused -> throw new ApiException(refused.status(), refused.message());
        };
    }

    private sealed interface LoginOutcome {
        record Success(AuthViews.Tokens tokens) implements LoginOutcome { }
        record Refused(HttpStatus status, String message) implements LoginOutcome { }
    }

    private LoginOutcome attemptLogin(OrganizationsRecord organization, String identifier, AuthRequests.Login request) {
        Optional<UsersRecord> found = findByLogin(organization, identifier);
        if (found.isEmpty()) {
            passwords.matches(request.password(), null);
            return new LoginOutcome.Refused(HttpStatus.UNAUTHORIZED, INVALID_LOGIN);
        }
        UsersRecord user = found.get();
        OffsetDateTime now = now();
        if (user.getLockedUntil() != null && user.getLockedUntil().isAfter(now)) {
            return new LoginOutcome.Refused(HttpStatus.LOCKED,
                    "Too many failed logins: the account is locked until " + user.getLockedUntil());
        }
        if (!passwords.matches(request.password(), user.getPasswordHash())) {
            recordFailedLogin(user, now);
            return new LoginOutcome.Refused(HttpStatus.UNAUTHORIZED, INVALID_LOGIN);
        }
        if (!user.getActive()) {
            return new LoginOutcome.Refused(HttpStatus.UNAUTHORIZED, "This account is deactivated");
        }
        db.update(USERS)
                .set(USERS.FAILED_LOGIN_COUNT, 0)
                .setNull(USERS.LOCKED_UNTIL)
                .set(USERS.LAST_LOGIN_AT, now)
                .where(USERS.ORGANIZATION_ID.eq(user.getOrganizationId()), USERS.ID.eq(user.getId()))
                .execute();
        user.setLastLoginAt(now);
        Sessions.IssuedTokens tokens = sessions.open(organization.getId(), user.getId(),
                new Sessions.Device(request.deviceName(), users.toJsonb(request.deviceInfo())));
        audit.recordBy(user.getId(), "auth.login", "session", tokens.sessionId(), null,
                Map.of("device_name", String.valueOf(request.deviceName())));
        return new LoginOutcome.Success(tokensView(tokens, user, organization, false));
    }

    private void recordFailedLogin(UsersRecord user, OffsetDateTime now) {
        int failures = user.getFailedLoginCount() + 1;
        boolean lock = failures >= MAX_FAILED_LOGINS;
        db.update(USERS)
                .set(USERS.FAILED_LOGIN_COUNT, lock ? 0 : failures)
                .set(USERS.LOCKED_UNTIL, lock ? now.plus(LOCK_DURATION) : null)
                .where(USERS.ORGANIZATION_ID.eq(user.getOrganizationId()), USERS.ID.eq(user.getId()))
                .execute();
        audit.recordBy(user.getId(), lock ? "auth.locked" : "auth.login_failed", "user", user.getId(), null,
                Map.of("failed_logins", failures));
    }

    private Optional<UsersRecord> findByLogin(OrganizationsRecord organization, String identifier) {
        String trimmed = identifier.trim();
        if (trimmed.contains("@")) {
            return users.findByEmail(organization.getId(), trimmed);
        }
        return PhoneNumbers.normalize(trimmed, Organizations.phoneRegion(organization))
                .flatMap(phone -> users.findByPhone(organization.getId(), phone));
    }

    /** Exchanges a refresh token for new tokens. A reused token revokes its whole session. */
    public AuthViews.Tokens refresh(String refreshToken) {
        UUID organizationId = TenantTokens.organizationOf(Sessions.REFRESH_PREFIX, refreshToken)
                .orElseThrow(() -> ApiException.unauthorized("Invalid refresh token"));
        Optional<AuthViews.Tokens> refreshed = tenancy.callAs(organizationId, () -> {
            Sessions.Refresh outcome = sessions.refresh(organizationId, refreshToken);
            return switch (outcome) {
                case Sessions.Refresh.Rotated rotated -> Optional.of(refreshedView(organizationId, rotated));
                case Sessions.Refresh.Reused reused -> {
                    if (sessions.revoke(organizationId, reused.sessionId(), "refresh_token_reuse")) {
                        audit.recordBy(null, "session.revoked", "session", reused.sessionId(), null,
                                Map.of("reason", "refresh_token_reuse"));
                    }
                    yield Optional.empty();
                }
                case Sessions.Refresh.Invalid invalid -> Optional.empty();
            };
        });
        return refreshed.orElseThrow(() -> ApiException.unauthorized("Invalid refresh token"));
    }

    private AuthViews.Tokens refreshedView(UUID organizationId, Sessions.Refresh.Rotated rotated) {
        UsersRecord user = users.find(organizationId, rotated.userId()).orElseThrow();
        OrganizationsRecord organization = organizations.find(organizationId).orElseThrow();
        return tokensView(rotated.tokens(), user, organization, false);
    }

    /** Ends the session of the access token: its refresh token fails from now on. */
    @Transactional
    public void logout(UUID organizationId, UUID userId, UUID sessionId) {
        if (sessionId != null && sessions.revoke(organizationId, sessionId, "logout")) {
            audit.record("auth.logout", "session", sessionId, null, null);
        }
        if (users.setFcmToken(organizationId, userId, null)) {
            audit.record("user.fcm_token_cleared", "user", userId, null, null);
        }
    }

    AuthViews.Tokens tokensView(Sessions.IssuedTokens tokens, UsersRecord user, OrganizationsRecord organization,
            boolean impersonation) {
        long expiresIn = Math.max(0, ChronoUnit.SECONDS.between(now(), tokens.accessTokenExpiresAt()));
        return new AuthViews.Tokens(tokens.accessToken(), tokens.refreshToken(), "Bearer", expiresIn,
                tokens.accessTokenExpiresAt(), tokens.sessionId(), impersonation, users.view(user),
                AuthViews.OrganizationSummary.of(organization));
    }

    UsersRecord insertUser(UUID organizationId, String email, String phone, String firstName, String lastName,
            String passwordHash, UUID roleId) {
        UsersRecord user = db.insertInto(USERS)
                .set(USERS.ORGANIZATION_ID, organizationId)
                .set(USERS.ID, Ids.newId())
                .set(USERS.EMAIL, email)
                .set(USERS.PHONE, phone)
                .set(USERS.FIRST_NAME, firstName)
                .set(USERS.LAST_NAME, lastName)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .returning()
                .fetchSingle();
        db.insertInto(USER_ROLES)
                .set(USER_ROLES.ORGANIZATION_ID, organizationId)
                .set(USER_ROLES.USER_ID, user.getId())
                .set(USER_ROLES.ROLE_ID, roleId)
                .execute();
        return user;
    }

    static String normalizedPhone(String field, String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return PhoneNumbers.normalize(raw, region)
                .orElseThrow(() -> ApiException.invalid(field, "is not a valid phone number"));
    }

    static String checkedTimeZone(String zone) {
        try {
            return ZoneId.of(zone).getId();
        } catch (Exception e) {
            throw ApiException.invalid("time_zone", "is not a known time zone such as Asia/Kolkata");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
