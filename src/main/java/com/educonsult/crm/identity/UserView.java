package com.educonsult.crm.identity;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A user as the API shows them: never their password hash. */
public record UserView(
        UUID id,
        UUID organizationId,
        String email,
        String phone,
        String firstName,
        String lastName,
        String fullName,
        String designation,
        String department,
        UUID branchId,
        String avatarUrl,
        boolean active,
        Map<String, Object> preferences,
        OffsetDateTime lastLoginAt,
        OffsetDateTime lockedUntil,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        Set<String> roles,
        Set<String> permissions,
        String dataScope) {
}
