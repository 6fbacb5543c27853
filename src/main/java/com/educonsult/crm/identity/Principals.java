package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ROLES;
import static com.educonsult.crm.jooq.Tables.ROLE_PERMISSIONS;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_ROLES;
import static com.educonsult.crm.jooq.Tables.USER_SESSIONS;

import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.cache.TableCache;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link CurrentUser} of an active user: their roles, permissions, data scope and branch. What a user
 * may do and a session's principal are kept in this server's caches until the rows they come from change.
 */
@Component
class Principals {

    /** What a user may do, from their roles. */
    record Grants(Set<String> roles, Set<String> permissions, DataScope dataScope) {
    }

    /** The principal of a live session, until the session expires. */
    record SessionPrincipal(CurrentUser user, OffsetDateTime expiresAt) {
    }

    private record SessionKey(UUID sessionId, UUID userId, UUID impersonatorId) {
    }

    static final Set<String> GRANT_TABLES = Set.of("user_roles", "roles", "role_permissions");
    static final Set<String> SESSION_TABLES = Set.of("users", "user_sessions", "user_roles", "roles", "role_permissions");

    private final DSLContext db;
    private final TableCache<UUID, Grants> grants;
    private final TableCache<SessionKey, SessionPrincipal> sessions;
    private final TableCache<UUID, UserSummary> summaries;
    private final TableCache<String, ApiKeyPrincipal> apiKeys;

    /** The principal an API key acts as, until the key expires (null: never). */
    record ApiKeyPrincipal(CurrentUser user, OffsetDateTime expiresAt) {
    }

    Principals(DSLContext db, SharedCaches caches) {
        this.db = db;
        this.grants = caches.cache("grants", GRANT_TABLES, 100_000);
        this.sessions = caches.cache("session principals", SESSION_TABLES, 100_000);
        this.summaries = caches.cache("user summaries", Set.of("users"), 100_000);
        this.apiKeys = caches.cache("API key principals",
                Set.of("api_keys", "users", "user_roles", "roles", "role_permissions"), 100_000);
    }

    /** API keys' principals by the key's hash, each belonging to the key's creator. */
    TableCache<String, ApiKeyPrincipal> apiKeys() {
        return apiKeys;
    }

    /** Users as other modules see them (names on leads, assignees), by id. */
    TableCache<UUID, UserSummary> summaries() {
        return summaries;
    }

    /**
     * The current transaction changes the organization's users, sessions, roles or permissions: it reads them
     * around the caches, and this server forgets the organization's principals when it ends.
     */
    void changed(UUID organizationId) {
        grants.changed(organizationId);
        sessions.changed(organizationId);
        summaries.changed(organizationId);
        apiKeys.changed(organizationId);
    }

    /**
     * The principal behind an access token, from this server's cache while the session is live and nothing it
     * was made from changed; {@code loadInTransaction} reads it from the database otherwise.
     */
    Optional<CurrentUser> forSession(UUID organizationId, UUID userId, UUID sessionId, UUID impersonatorId,
            OffsetDateTime now, java.util.function.Supplier<Optional<SessionPrincipal>> loadInTransaction) {
        SessionPrincipal principal = sessions.get(organizationId, userId,
                new SessionKey(sessionId, userId, impersonatorId), () -> loadInTransaction.get().orElse(null));
        if (principal != null && !principal.expiresAt().isAfter(now)) {
            principal = loadInTransaction.get().orElse(null); // refreshed since it was cached, or ended
        }
        return principal == null || !principal.expiresAt().isAfter(now) ? Optional.empty()
                : Optional.of(principal.user());
    }

    /** The principal of an active, undeleted user, or empty. */
    Optional<CurrentUser> load(UUID organizationId, UUID userId, UUID sessionId, UUID apiKeyId, UUID impersonatorId,
            Collection<String> restrictTo) {
        Record user = db.select(USERS.BRANCH_ID).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(userId),
                        USERS.ACTIVE.isTrue(), USERS.DELETED_AT.isNull())
                .fetchOne();
        if (user == null) {
            return Optional.empty();
        }
        Grants grants = grantsOf(organizationId, userId);
        Set<String> permissions = new TreeSet<>(grants.permissions());
        if (restrictTo != null) {
            permissions.retainAll(restrictTo);
        }
        return Optional.of(new CurrentUser(organizationId, userId, sessionId, apiKeyId, impersonatorId,
                grants.roles(), Set.copyOf(permissions), grants.dataScope(), user.get(USERS.BRANCH_ID)));
    }

    /**
     * The principal behind an access token, in one query (it runs on every request): the session must be live
     * (not revoked, not expired at {@code now}) and belong to the user, and the user must be active.
     */
    Optional<SessionPrincipal> loadForSession(UUID organizationId, UUID userId, UUID sessionId, UUID impersonatorId,
            OffsetDateTime now) {
        var rows = db.select(USERS.BRANCH_ID, USER_SESSIONS.EXPIRES_AT, ROLES.CODE, ROLES.DATA_SCOPE,
                        ROLE_PERMISSIONS.PERMISSION)
                .from(USER_SESSIONS)
                .join(USERS).on(USERS.ORGANIZATION_ID.eq(USER_SESSIONS.ORGANIZATION_ID),
                        USERS.ID.eq(USER_SESSIONS.USER_ID))
                .leftJoin(USER_ROLES).on(USER_ROLES.ORGANIZATION_ID.eq(USERS.ORGANIZATION_ID),
                        USER_ROLES.USER_ID.eq(USERS.ID))
                .leftJoin(ROLES).on(ROLES.ORGANIZATION_ID.eq(USER_ROLES.ORGANIZATION_ID),
                        ROLES.ID.eq(USER_ROLES.ROLE_ID))
                .leftJoin(ROLE_PERMISSIONS).on(ROLE_PERMISSIONS.ORGANIZATION_ID.eq(ROLES.ORGANIZATION_ID),
                        ROLE_PERMISSIONS.ROLE_ID.eq(ROLES.ID))
                .where(USER_SESSIONS.ORGANIZATION_ID.eq(organizationId), USER_SESSIONS.ID.eq(sessionId),
                        USER_SESSIONS.USER_ID.eq(userId), USER_SESSIONS.REVOKED_AT.isNull(),
                        USER_SESSIONS.EXPIRES_AT.gt(now), USERS.ACTIVE.isTrue(), USERS.DELETED_AT.isNull())
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Grants grants = grantsFrom(
                rows.map(row -> row.into(ROLES.CODE, ROLES.DATA_SCOPE, ROLE_PERMISSIONS.PERMISSION)));
        return Optional.of(new SessionPrincipal(new CurrentUser(organizationId, userId, sessionId, null,
                impersonatorId, grants.roles(), grants.permissions(), grants.dataScope(),
                rows.getFirst().get(USERS.BRANCH_ID)), rows.getFirst().get(USER_SESSIONS.EXPIRES_AT)));
    }

    Grants grantsOf(UUID organizationId, UUID userId) {
        return grants.get(organizationId, userId, userId, () -> readGrants(organizationId, userId));
    }

    private Grants readGrants(UUID organizationId, UUID userId) {
        return grantsFrom(db.select(ROLES.CODE, ROLES.DATA_SCOPE, ROLE_PERMISSIONS.PERMISSION)
                .from(USER_ROLES)
                .join(ROLES).on(ROLES.ORGANIZATION_ID.eq(USER_ROLES.ORGANIZATION_ID), ROLES.ID.eq(USER_ROLES.ROLE_ID))
                .leftJoin(ROLE_PERMISSIONS).on(ROLE_PERMISSIONS.ORGANIZATION_ID.eq(ROLES.ORGANIZATION_ID),
                        ROLE_PERMISSIONS.ROLE_ID.eq(ROLES.ID))
                .where(USER_ROLES.ORGANIZATION_ID.eq(organizationId), USER_ROLES.USER_ID.eq(userId))
                .fetch());
    }

    /** Rows of (role code, data scope, permission); a user without roles gives a row of nulls or none. */
    private static Grants grantsFrom(Iterable<Record3<String, String, String>> rows) {
        Set<String> roles = new LinkedHashSet<>();
        Set<String> permissions = new TreeSet<>();
        DataScope scope = DataScope.OWN;
        for (var row : rows) {
            if (row.value1() == null) {
                continue;
            }
            roles.add(row.value1());
            scope = scope.widest(DataScope.fromCode(row.value2()));
            if (row.value3() != null) {
                permissions.add(row.value3());
            }
        }
        return new Grants(Set.copyOf(roles), Set.copyOf(permissions), scope);
    }
}
