package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.REFRESH_TOKENS;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_SESSIONS;

import com.educonsult.crm.jooq.tables.records.UserSessionsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.RequestInfo;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Login sessions and their tokens. A session's refresh token is single use: each refresh marks it used and
 * issues the next; presenting a used one again means it was stolen or replayed, and revokes the session.
 */
@Component
public class Sessions {

    static final String REFRESH_PREFIX = "rt";

    /** What a client keeps after logging in or refreshing. */
    record IssuedTokens(UUID sessionId, String accessToken, String refreshToken, OffsetDateTime accessTokenExpiresAt) {
    }

    /** What the client tells about itself when it logs in. */
    record Device(String name, JSONB info) {
        static final Device UNKNOWN = new Device(null, null);
    }

    /** The outcome of presenting a refresh token. */
    sealed interface Refresh {
        record Rotated(IssuedTokens tokens, UUID userId) implements Refresh { }
        record Reused(UUID sessionId) implements Refresh { }
        record Invalid() implements Refresh { }
    }

    /** A session as its user sees it; {@code current} marks the session of the request. */
    public record SessionView(UUID id, String deviceName, JsonNode deviceInfo, String ipAddress, String userAgent,
            OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
            String revokedReason, boolean current, UUID impersonatedBy) {
    }

    private final DSLContext db;
    private final AccessTokens accessTokens;
    private final IdentityProperties properties;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    private final Principals principals;

    Sessions(DSLContext db, AccessTokens accessTokens, IdentityProperties properties, AuditTrail audit,
            JsonMapper json, Clock clock, Principals principals) {
        this.db = db;
        this.principals = principals;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The caller's sessions, newest first: the live ones, or all of them with {@code includeRevoked}. */
    @Transactional(readOnly = true)
    public Page<SessionView> listOf(CurrentUser user, boolean includeRevoked, PageRequest page) {
        Condition condition = USER_SESSIONS.ORGANIZATION_ID.eq(user.organizationId())
                .and(USER_SESSIONS.USER_ID.eq(user.userId()));
        if (!includeRevoked) {
            condition = condition.and(USER_SESSIONS.REVOKED_AT.isNull()).and(USER_SESSIONS.EXPIRES_AT.gt(now()));
        }
        var items = db.selectFrom(USER_SESSIONS).where(condition)
                .orderBy(USER_SESSIONS.CREATED_AT.desc(), USER_SESSIONS.ID.desc())
                .limit(page.limit()).offset(page.offset())
                .fetch(session -> view(session, user.sessionId()));
        return page.page(items, (long) db.fetchCount(USER_SESSIONS, condition));
    }

    /** Revokes one of the caller's own sessions; any other id is not found. Revoking twice changes nothing. */
    @Transactional
    public SessionView revokeOwn(CurrentUser user, UUID sessionId) {
        UserSessionsRecord session = db.selectFrom(USER_SESSIONS)
                .where(USER_SESSIONS.ORGANIZATION_ID.eq(user.organizationId()), USER_SESSIONS.ID.eq(sessionId),
                        USER_SESSIONS.USER_ID.eq(user.userId()))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Session"));
        if (session.getRevokedAt() == null && revoke(user.organizationId(), sessionId, "revoked_by_user")) {
            Map<String, Object> before = revocation(session);
            session.refresh();
            audit.record("session.revoked", "session", sessionId, before, revocation(session));
        }
        return view(session, user.sessionId());
    }

    private static Map<String, Object> revocation(UserSessionsRecord session) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("device_name", session.getDeviceName());
        state.put("revoked_at", session.getRevokedAt());
        state.put("revoked_reason", session.getRevokedReason());
        return state;
    }

    private SessionView view(UserSessionsRecord session, UUID currentSessionId) {
        JsonNode deviceInfo = session.getDeviceInfo() == null ? null : json.readTree(session.getDeviceInfo().data());
        return new SessionView(session.getId(), session.getDeviceName(), deviceInfo, session.getIpAddress(),
                session.getUserAgent(), session.getCreatedAt(), session.getLastUsedAt(), session.getExpiresAt(),
                session.getRevokedAt(), session.getRevokedReason(), session.getId().equals(currentSessionId),
                session.getImpersonatedBy());
    }

    IssuedTokens open(UUID organizationId, UUID userId, Device device) {
        return open(organizationId, userId, device, null, properties.refreshTokenTtl(), properties.accessTokenTtl());
    }

    /** An impersonation session: short-lived, no longer than an hour, marked with the admin behind it. */
    IssuedTokens openImpersonation(UUID organizationId, UUID userId, UUID impersonatorId) {
        Duration ttl = properties.impersonationTtl().compareTo(Duration.ofHours(1)) > 0
                ? Duration.ofHours(1) : properties.impersonationTtl();
        return open(organizationId, userId, new Device("impersonation", null), impersonatorId, ttl, ttl);
    }

    private IssuedTokens open(UUID organizationId, UUID userId, Device device, UUID impersonatorId,
            Duration sessionTtl, Duration accessTtl) {
        UUID sessionId = Ids.newId();
        OffsetDateTime now = now();
        RequestInfo request = RequestInfo.current();
        db.insertInto(USER_SESSIONS)
                .set(USER_SESSIONS.ORGANIZATION_ID, organizationId)
                .set(USER_SESSIONS.ID, sessionId)
                .set(USER_SESSIONS.USER_ID, userId)
                .set(USER_SESSIONS.DEVICE_NAME, device.name())
                .set(USER_SESSIONS.DEVICE_INFO, device.info())
                .set(USER_SESSIONS.IP_ADDRESS, request.ipAddress())
                .set(USER_SESSIONS.USER_AGENT, request.userAgent())
                .set(USER_SESSIONS.IMPERSONATED_BY, impersonatorId)
                .set(USER_SESSIONS.CREATED_AT, now)
                .set(USER_SESSIONS.LAST_USED_AT, now)
                .set(USER_SESSIONS.EXPIRES_AT, now.plus(sessionTtl))
                .execute();
        return issue(organizationId, userId, sessionId, impersonatorId, now.plus(sessionTtl),
                now.plus(accessTtl.compareTo(sessionTtl) > 0 ? sessionTtl : accessTtl));
    }

    Refresh refresh(UUID organizationId, String refreshToken) {
        byte[] hash = TenantTokens.hash(refreshToken);
        OffsetDateTime now = now();
        var claimed = db.update(REFRESH_TOKENS)
                .set(REFRESH_TOKENS.USED_AT, now)
                .where(REFRESH_TOKENS.ORGANIZATION_ID.eq(organizationId), REFRESH_TOKENS.TOKEN_HASH.eq(hash),
                        REFRESH_TOKENS.USED_AT.isNull(), REFRESH_TOKENS.EXPIRES_AT.gt(now))
                .returning(REFRESH_TOKENS.SESSION_ID)
                .fetchOptional();
        if (claimed.isEmpty()) {
            return db.select(REFRESH_TOKENS.SESSION_ID).from(REFRESH_TOKENS)
                    .where(REFRESH_TOKENS.ORGANIZATION_ID.eq(organizationId), REFRESH_TOKENS.TOKEN_HASH.eq(hash),
                            REFRESH_TOKENS.USED_AT.isNotNull())
                    .fetchOptional(REFRESH_TOKENS.SESSION_ID)
                    .<Refresh>map(Refresh.Reused::new)
                    .orElse(new Refresh.Invalid());
        }
        UUID sessionId = claimed.get().getSessionId();
        var session = db.select(USER_SESSIONS.USER_ID, USER_SESSIONS.IMPERSONATED_BY, USER_SESSIONS.EXPIRES_AT)
                .from(USER_SESSIONS).join(USERS)
                .on(USERS.ORGANIZATION_ID.eq(USER_SESSIONS.ORGANIZATION_ID), USERS.ID.eq(USER_SESSIONS.USER_ID))
                .where(USER_SESSIONS.ORGANIZATION_ID.eq(organizationId), USER_SESSIONS.ID.eq(sessionId),
                        USER_SESSIONS.REVOKED_AT.isNull(), USER_SESSIONS.EXPIRES_AT.gt(now),
                        USERS.ACTIVE.isTrue(), USERS.DELETED_AT.isNull())
                .fetchOne();
        if (session == null) {
            return new Refresh.Invalid();
        }
        UUID impersonator = session.get(USER_SESSIONS.IMPERSONATED_BY);
        OffsetDateTime sessionExpiry = impersonator != null ? session.get(USER_SESSIONS.EXPIRES_AT)
                : now.plus(properties.refreshTokenTtl());
        OffsetDateTime accessExpiry = now.plus(properties.accessTokenTtl());
        db.update(USER_SESSIONS)
                .set(USER_SESSIONS.LAST_USED_AT, now)
                .set(USER_SESSIONS.EXPIRES_AT, sessionExpiry)
                .where(USER_SESSIONS.ORGANIZATION_ID.eq(organizationId), USER_SESSIONS.ID.eq(sessionId))
                .execute();
        UUID userId = session.get(USER_SESSIONS.USER_ID);
        IssuedTokens tokens = issue(organizationId, userId, sessionId, impersonator, sessionExpiry,
                accessExpiry.isAfter(sessionExpiry) ? sessionExpiry : accessExpiry);
        return new Refresh.Rotated(tokens, userId);
    }

    /** Revokes a session; its refresh token fails at once and its access token at its next use. */
    boolean revoke(UUID organizationId, UUID sessionId, String reason) {
        principals.changed(organizationId);
        return db.update(USER_SESSIONS)
                .set(USER_SESSIONS.REVOKED_AT, now())
                .set(USER_SESSIONS.REVOKED_REASON, reason)
                .where(USER_SESSIONS.ORGANIZATION_ID.eq(organizationId), USER_SESSIONS.ID.eq(sessionId),
                        USER_SESSIONS.REVOKED_AT.isNull())
                .execute() > 0;
    }

    int revokeAllOf(UUID organizationId, UUID userId, String reason) {
        principals.changed(organizationId);
        return db.update(USER_SESSIONS)
                .set(USER_SESSIONS.REVOKED_AT, now())
                .set(USER_SESSIONS.REVOKED_REASON, reason)
                .where(USER_SESSIONS.ORGANIZATION_ID.eq(organizationId), USER_SESSIONS.USER_ID.eq(userId),
                        USER_SESSIONS.REVOKED_AT.isNull())
                .execute();
    }

    /** Revokes every live session of a user but one (the one they act in, when they changed their password). */
    int revokeOthers(UUID organizationId, UUID userId, UUID keptSessionId, String reason) {
        principals.changed(organizationId);
        Condition others = keptSessionId == null ? USER_SESSIONS.ID.isNotNull() : USER_SESSIONS.ID.ne(keptSessionId);
        return db.update(USER_SESSIONS)
                .set(USER_SESSIONS.REVOKED_AT, now())
                .set(USER_SESSIONS.REVOKED_REASON, reason)
                .where(USER_SESSIONS.ORGANIZATION_ID.eq(organizationId), USER_SESSIONS.USER_ID.eq(userId),
                        USER_SESSIONS.REVOKED_AT.isNull(), others)
                .execute();
    }

    private IssuedTokens issue(UUID organizationId, UUID userId, UUID sessionId, UUID impersonatorId,
            OffsetDateTime refreshExpiry, OffsetDateTime accessExpiry) {
        String refreshToken = TenantTokens.mint(REFRESH_PREFIX, organizationId);
        db.insertInto(REFRESH_TOKENS)
                .set(REFRESH_TOKENS.ORGANIZATION_ID, organizationId)
                .set(REFRESH_TOKENS.TOKEN_HASH, TenantTokens.hash(refreshToken))
                .set(REFRESH_TOKENS.SESSION_ID, sessionId)
                .set(REFRESH_TOKENS.EXPIRES_AT, refreshExpiry)
                .execute();
        String accessToken = accessTokens.issue(new AccessTokens.Claims(organizationId, userId, sessionId,
                impersonatorId, accessExpiry.toInstant()));
        return new IssuedTokens(sessionId, accessToken, refreshToken, accessExpiry);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
