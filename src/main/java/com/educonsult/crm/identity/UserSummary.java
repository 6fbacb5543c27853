package com.educonsult.crm.identity;

import java.util.UUID;

/** A user as other modules see them: enough to name them and to know whether they can take work. */
public record UserSummary(UUID id, String fullName, String email, String phone, UUID branchId, boolean active) {
}
