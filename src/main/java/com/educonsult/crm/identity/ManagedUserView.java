package com.educonsult.crm.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A user as administrators see them: roles, status (active, inactive or locked) and whether the invitation
 * is still open. Never the password hash.
 */
public record ManagedUserView(
        UUID id,
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
        String status,
        List<String> roles,
        boolean invitationPending,
        OffsetDateTime invitedAt,
        OffsetDateTime lastLoginAt,
        OffsetDateTime lockedUntil,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
