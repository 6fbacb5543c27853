package com.educonsult.crm.identity;

import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.PERMISSIONS;
import static com.educonsult.crm.jooq.Tables.ROLES;
import static com.educonsult.crm.jooq.Tables.ROLE_PERMISSIONS;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_ROLES;

import com.educonsult.crm.jooq.tables.records.RolesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Roles of an organization and their permissions. The system roles cannot be deleted nor renamed by code; the
 * admin role always holds the whole catalogue, so an organization can never lock itself out.
 */
@Service
public class Roles {

    public record RoleView(UUID id, String code, String name, String description, boolean system, String dataScope,
            List<String> permissions, int userCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record PermissionView(String code, String category, String description) {
    }

    /** A role as user administration assigns it. */
    record Assignable(UUID id, String code, Set<String> permissions) {
    }

    private final DSLContext db;
    private final AuditTrail audit;
    private final Clock clock;

    private final Principals principals;

    Roles(DSLContext db, AuditTrail audit, Clock clock, Principals principals) {
        this.db = db;
        this.principals = principals;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<RoleView> list(UUID organizationId) {
        return db.selectFrom(ROLES).where(ROLES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(ROLES.SYSTEM.desc(), ROLES.CODE)
                .fetch(this::view);
    }

    @Transactional(readOnly = true)
    public RoleView get(UUID organizationId, UUID id) {
        return view(find(organizationId, id));
    }

    @Transactional(readOnly = true)
    public List<PermissionView> catalogue() {
        return db.selectFrom(PERMISSIONS).orderBy(PERMISSIONS.CATEGORY, PERMISSIONS.CODE)
                .fetch(p -> new PermissionView(p.getCode(), p.getCategory(), p.getDescription()));
    }

    @Transactional
    public RoleView create(CurrentUser actor, RoleRequests.Create request) {
        UUID organizationId = actor.organizationId();
        principals.changed(organizationId);
        if (codeTaken(organizationId, request.code(), null)) {
            throw ApiException.conflict("code", "is already used by another role");
        }
        Set<String> permissions = checkedPermissions(actor, request.permissions());
        UUID id = Ids.newId();
        db.insertInto(ROLES)
                .set(ROLES.ORGANIZATION_ID, organizationId)
                .set(ROLES.ID, id)
                .set(ROLES.CODE, request.code())
                .set(ROLES.NAME, request.name().trim())
                .set(ROLES.DESCRIPTION, Text.blankToNull(request.description()))
                .set(ROLES.DATA_SCOPE, request.dataScope())
                .execute();
        replacePermissions(organizationId, id, permissions);
        RoleView created = view(find(organizationId, id));
        audit.record("role.created", "role", id, null, created);
        return created;
    }

    @Transactional
    public RoleView update(CurrentUser actor, UUID id, RoleRequests.Update request, MergePatch patch) {
        UUID organizationId = actor.organizationId();
        principals.changed(organizationId);
        RolesRecord role = find(organizationId, id);
        RoleView before = view(role);
        checkSystemRoleChange(role, request);
        if (request.code() != null && !request.code().equals(role.getCode())) {
            if (codeTaken(organizationId, request.code(), id)) {
                throw ApiException.conflict("code", "is already used by another role");
            }
            role.setCode(request.code());
        }
        if (request.name() != null) {
            role.setName(request.name().trim());
        }
        patch.applyText("description", request.description(), role::setDescription);
        if (request.dataScope() != null) {
            role.setDataScope(request.dataScope());
        }
        if (request.permissions() != null) {
            Set<String> permissions = checkedPermissions(actor, request.permissions());
            if (!permissions.equals(new TreeSet<>(before.permissions()))) {
                replacePermissions(organizationId, id, permissions);
            }
        }
        role.setUpdatedAt(now());
        db.update(ROLES).set(role).where(ROLES.ORGANIZATION_ID.eq(organizationId), ROLES.ID.eq(id)).execute();
        RoleView after = view(find(organizationId, id));
        audit.record("role.updated", "role", id, before, after);
        return after;
    }

    @Transactional
    public void delete(CurrentUser actor, UUID id) {
        UUID organizationId = actor.organizationId();
        principals.changed(organizationId);
        RolesRecord role = find(organizationId, id);
        if (role.getSystem() || SystemRoles.isSystem(role.getCode())) {
            throw ApiException.invalid("id", "the system role " + role.getCode() + " cannot be deleted");
        }
        RoleView before = view(role);
        if (before.userCount() > 0) {
            throw ApiException.conflict("id", "the role is still assigned to " + before.userCount() + " user(s)");
        }
        db.deleteFrom(ROLES).where(ROLES.ORGANIZATION_ID.eq(organizationId), ROLES.ID.eq(id)).execute();
        audit.record("role.deleted", "role", id, before, null);
    }

    /** The roles named by their codes, for assignment; an unknown code is a 422 naming {@code roles}. */
    Map<String, Assignable> byCodes(UUID organizationId, Collection<String> codes) {
        Set<String> wanted = new TreeSet<>(codes);
        Map<String, Assignable> found = new LinkedHashMap<>();
        var rows = db.select(ROLES.ID, ROLES.CODE, ROLE_PERMISSIONS.PERMISSION)
                .from(ROLES)
                .leftJoin(ROLE_PERMISSIONS).on(ROLE_PERMISSIONS.ORGANIZATION_ID.eq(ROLES.ORGANIZATION_ID),
                        ROLE_PERMISSIONS.ROLE_ID.eq(ROLES.ID))
                .where(ROLES.ORGANIZATION_ID.eq(organizationId), ROLES.CODE.in(wanted))
                .fetch();
        for (var row : rows) {
            Assignable role = found.computeIfAbsent(row.get(ROLES.CODE),
                    code -> new Assignable(row.get(ROLES.ID), code, new TreeSet<>()));
            if (row.get(ROLE_PERMISSIONS.PERMISSION) != null) {
                role.permissions().add(row.get(ROLE_PERMISSIONS.PERMISSION));
            }
        }
        Set<String> unknown = new TreeSet<>(wanted);
        unknown.removeAll(found.keySet());
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("roles", "unknown roles: " + String.join(", ", unknown));
        }
        return found;
    }

    private void checkSystemRoleChange(RolesRecord role, RoleRequests.Update request) {
        if (!role.getSystem()) {
            return;
        }
        if (request.code() != null && !request.code().equals(role.getCode())) {
            throw ApiException.invalid("code", "the code of a system role cannot change");
        }
        if (request.dataScope() != null && !request.dataScope().equals(role.getDataScope())) {
            throw ApiException.invalid("data_scope", "the data scope of a system role cannot change");
        }
        if (SystemRoles.ADMIN.code.equals(role.getCode()) && request.permissions() != null
                && !new TreeSet<>(request.permissions()).equals(new TreeSet<>(catalogue().stream()
                        .map(PermissionView::code).toList()))) {
            throw ApiException.invalid("permissions", "the admin role always holds every permission");
        }
    }

    /** Checks that every permission exists, and that a non-admin grants only permissions they hold. */
    private Set<String> checkedPermissions(CurrentUser actor, List<String> requested) {
        Set<String> wanted = new TreeSet<>(requested);
        Set<String> known = new HashSet<>(db.select(PERMISSIONS.CODE).from(PERMISSIONS)
                .where(PERMISSIONS.CODE.in(wanted)).fetch(PERMISSIONS.CODE));
        Set<String> unknown = new TreeSet<>(wanted);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("permissions", "unknown permissions: " + String.join(", ", unknown));
        }
        if (!actor.isAdmin() && !actor.permissions().containsAll(wanted)) {
            throw ApiException.forbidden("You may only grant permissions you hold");
        }
        return wanted;
    }

    private void replacePermissions(UUID organizationId, UUID roleId, Set<String> permissions) {
        db.deleteFrom(ROLE_PERMISSIONS)
                .where(ROLE_PERMISSIONS.ORGANIZATION_ID.eq(organizationId), ROLE_PERMISSIONS.ROLE_ID.eq(roleId))
                .execute();
        if (permissions.isEmpty()) {
            return;
        }
        var insert = db.insertInto(ROLE_PERMISSIONS,
                ROLE_PERMISSIONS.ORGANIZATION_ID, ROLE_PERMISSIONS.ROLE_ID, ROLE_PERMISSIONS.PERMISSION);
        for (String permission : permissions) {
            insert = insert.values(organizationId, roleId, permission);
        }
        insert.execute();
    }

    private RolesRecord find(UUID organizationId, UUID id) {
        return db.selectFrom(ROLES).where(ROLES.ORGANIZATION_ID.eq(organizationId), ROLES.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Role"));
    }

    private boolean codeTaken(UUID organizationId, String code, UUID exceptId) {
        return db.fetchExists(ROLES, ROLES.ORGANIZATION_ID.eq(organizationId), ROLES.CODE.eq(code),
                exceptId == null ? DSL.noCondition() : ROLES.ID.ne(exceptId));
    }

    private RoleView view(RolesRecord role) {
        UUID organizationId = role.getOrganizationId();
        List<String> permissions = db.select(ROLE_PERMISSIONS.PERMISSION).from(ROLE_PERMISSIONS)
                .where(ROLE_PERMISSIONS.ORGANIZATION_ID.eq(organizationId), ROLE_PERMISSIONS.ROLE_ID.eq(role.getId()))
                .orderBy(ROLE_PERMISSIONS.PERMISSION)
                .fetch(ROLE_PERMISSIONS.PERMISSION);
        int users = db.fetchCount(db.select(USER_ROLES.USER_ID).from(USER_ROLES)
                .join(USERS).on(USERS.ORGANIZATION_ID.eq(USER_ROLES.ORGANIZATION_ID), USERS.ID.eq(USER_ROLES.USER_ID))
                .where(USER_ROLES.ORGANIZATION_ID.eq(organizationId), USER_ROLES.ROLE_ID.eq(role.getId()),
                        USERS.DELETED_AT.isNull()));
        return new RoleView(role.getId(), role.getCode(), role.getName(), role.getDescription(), role.getSystem(),
                role.getDataScope(), permissions, users, role.getCreatedAt(), role.getUpdatedAt());
    }


    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
