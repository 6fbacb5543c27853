package com.educonsult.crm.platform.live;

import java.util.Map;
import java.util.UUID;

/**
 * Something users watching the organization should see at once (a lead created, assigned, moved...).
 *
 * @param type e.g. {@code lead.created}
 * @param permission what a user must hold to receive it (e.g. {@code leads:read})
 * @param audience which records the event concerns, for data scope: a user with scope "own" receives it only
 *                 when the record is assigned to them, "branch" when it is in their branch or theirs
 * @param data small JSON-friendly payload (ids and names; not whole records)
 */
public record LiveEvent(UUID organizationId, String type, String permission, Audience audience,
        Map<String, Object> data) {

    /** The owner and branch of the record the event is about; both may be null (then only "all" scope sees it). */
    public record Audience(UUID assignedTo, UUID branchId) {
    }
}
