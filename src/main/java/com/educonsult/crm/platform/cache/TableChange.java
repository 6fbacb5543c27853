package com.educonsult.crm.platform.cache;

import java.util.Optional;
import java.util.UUID;

/**
 * A committed change to rows of a table, as the database announces it: the table, the organization whose rows
 * changed, and for tables of users' rows, whose. Sent on {@link SharedCaches#CHANNEL} by the triggers of the
 * tables that caches are made from, as {@code table:organization} or {@code table:organization:user}.
 */
public record TableChange(String table, UUID organizationId, UUID userId) {

    static Optional<TableChange> parse(String payload) {
        String[] parts = payload.split(":");
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        try {
            UUID user = parts.length == 3 && !parts[2].isEmpty() ? UUID.fromString(parts[2]) : null;
            return Optional.of(new TableChange(parts[0], UUID.fromString(parts[1]), user));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
