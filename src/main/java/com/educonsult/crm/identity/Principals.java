package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ROLES;
import static com.educonsult.crm.jooq.Tables.ROLE_PERMISSIONS;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_ROLES;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/** Builds the {@link CurrentUser} of an active user: their roles, permissions, data scope and branch. */
@Component
class Principals {

    /** What a user may do, from their roles. */
    record Grants(Set<String> roles, Set<String> permissions, DataScope dataScope) {
    }

    private final DSLContext db;

    Principals(DSLContext db) {
        this.db = db;
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

    Grants grantsOf(UUID organizationId, UUID userId) {
        var rows = db.select(ROLES.CODE, ROLES.DATA_SCOPE, ROLE_PERMISSIONS.PERMISSION)
                .from(USER_ROLES)
                .join(ROLES).on(ROLES.ORGANIZATION_ID.eq(USER_ROLES.ORGANIZATION_ID), ROLES.ID.eq(USER_ROLES.ROLE_ID))
                .leftJoin(ROLE_PERMISSIONS).on(ROLE_PERMISSIONS.ORGANIZATION_ID.eq(ROLES.ORGANIZATION_ID),
                        ROLE_PERMISSIONS.ROLE_ID.eq(ROLES.ID))
                .where(USER_ROLES.ORGANIZATION_ID.eq(organizationId), USER_ROLES.USER_ID.eq(userId))
                .fetch();
        Set<String> roles = new LinkedHashSet<>();
        Set<String> permissions = new TreeSet<>();
        DataScope scope = DataScope.OWN;
        for (var row : rows) {
            roles.add(row.get(ROLES.CODE));
            scope = scope.widest(DataScope.fromCode(row.get(ROLES.DATA_SCOPE)));
            if (row.get(ROLE_PERMISSIONS.PERMISSION) != null) {
                permissions.add(row.get(ROLE_PERMISSIONS.PERMISSION));
            }
        }
        return new Grants(Set.copyOf(roles), Set.copyOf(permissions), scope);
    }
}
