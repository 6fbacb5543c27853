package com.educonsult.crm.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who makes the request: a user through an access token, or an API key acting for the user who made it.
 *
 * @param sessionId the login session behind an access token; null for an API key
 * @param apiKeyId the API key used; null for an access token
 * @param impersonatorId the admin acting as this user, if the token is an impersonation token
 */
public record CurrentUser(
        UUID organizationId,
        UUID userId,
        UUID sessionId,
        UUID apiKeyId,
        UUID impersonatorId,
        Set<String> roles,
        Set<String> permissions,
        DataScope dataScope,
        UUID branchId) {

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
