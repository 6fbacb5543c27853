package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.PERMISSIONS;
import static com.educonsult.crm.jooq.Tables.ROLES;
import static com.educonsult.crm.jooq.Tables.ROLE_PERMISSIONS;

import com.educonsult.crm.platform.Ids;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Gives a new organization its system roles with their default permissions. */
@Component
class RoleProvisioning {

    private final DSLContext db;

    RoleProvisioning(DSLContext db) {
        this.db = db;
    }

    Map<SystemRoles, UUID> createSystemRoles(UUID organizationId) {
        List<String> catalogue = db.select(PERMISSIONS.CODE).from(PERMISSIONS).fetch(PERMISSIONS.CODE);
        Map<SystemRoles, UUID> ids = new EnumMap<>(SystemRoles.class);
        for (SystemRoles role : SystemRoles.values()) {
            UUID roleId = Ids.newId();
            db.insertInto(ROLES)
                    .set(ROLES.ORGANIZATION_ID, organizationId)
                    .set(ROLES.ID, roleId)
                    .set(ROLES.CODE, role.code)
                    .set(ROLES.NAME, role.displayName)
                    .set(ROLES.SYSTEM, true)
                    .set(ROLES.DATA_SCOPE, role.dataScope.code())
                    .execute();
            var insert = db.insertInto(ROLE_PERMISSIONS,
                    ROLE_PERMISSIONS.ORGANIZATION_ID, ROLE_PERMISSIONS.ROLE_ID, ROLE_PERMISSIONS.PERMISSION);
            for (String permission : catalogue) {
                if (role.permissions == null || role.permissions.contains(permission)) {
                    insert = insert.values(organizationId, roleId, permission);
                }
            }
            insert.execute();
            ids.put(role, roleId);
        }
        return ids;
    }
}
