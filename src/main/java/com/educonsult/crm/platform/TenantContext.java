package com.educonsult.crm.platform;

import java.util.Optional;
import java.util.UUID;

/**
 * The organization the current thread works for. Set by the security filter for a request, or by
 * {@link Tenancy} for work that is not a request (registration, login, jobs). Business code never sets it.
 */
public final class TenantContext {

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<UUID> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static UUID require() {
        UUID organizationId = CURRENT.get();
        if (organizationId == null) {
            throw new IllegalStateException("No organization is set for this thread");
        }
        return organizationId;
    }

    public static void set(UUID organizationId) {
        CURRENT.set(organizationId);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
