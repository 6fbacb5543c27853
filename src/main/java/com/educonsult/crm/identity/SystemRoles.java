package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.DataScope;
import java.util.List;
import java.util.Set;

/** The four roles every organization has. They cannot be deleted; their permissions can be changed. */
enum SystemRoles {

    ADMIN("admin", "Administrator", DataScope.ALL, null),
    MANAGER("manager", "Manager", DataScope.BRANCH, Set.of(
            "profile:manage", "organization:read", "branches:read", "admin:users", "admin:audit",
            "leads:read", "leads:write", "leads:delete", "leads:assign", "leads:import", "leads:export",
            "calls:read", "calls:write", "catalog:read", "catalog:write", "templates:read", "templates:write",
            "messages:send", "campaigns:manage", "documents:read", "documents:write", "payments:read",
            "payments:write", "notifications:read", "analytics:read", "analytics:track", "reports:read",
            "reports:export", "reports:schedule")),
    COUNSELOR("counselor", "Counselor", DataScope.OWN, Set.of(
            "profile:manage", "organization:read", "branches:read",
            "leads:read", "leads:write", "calls:read", "calls:write", "catalog:read", "templates:read",
            "messages:send", "documents:read", "documents:write", "payments:read", "notifications:read",
            "analytics:read", "analytics:track", "reports:read", "reports:export")),
    AGENT("agent", "Agent", DataScope.OWN, Set.of(
            "profile:manage", "organization:read", "branches:read",
            "leads:read", "leads:write", "calls:read", "calls:write", "catalog:read", "templates:read",
            "notifications:read", "analytics:track"));

    final String code;
    final String displayName;
    final DataScope dataScope;
    /** null: every permission of the catalogue */
    final Set<String> permissions;

    SystemRoles(String code, String displayName, DataScope dataScope, Set<String> permissions) {
        this.code = code;
        this.displayName = displayName;
        this.dataScope = dataScope;
        this.permissions = permissions;
    }

    static boolean isSystem(String code) {
        return codes().contains(code);
    }

    static List<String> codes() {
        return java.util.Arrays.stream(values()).map(r -> r.code).toList();
    }
}
