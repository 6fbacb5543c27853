package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;

import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The organization's display name, for {@code {{organization_name}}}. Read from the global tenant registry
 * because identity's directory does not offer the name yet; move this to {@code UserDirectory} when it does.
 */
@Component
class OrganizationNames {

    private final DSLContext db;

    OrganizationNames(DSLContext db) {
        this.db = db;
    }

    String nameOf(UUID organizationId) {
        return db.select(ORGANIZATIONS.NAME).from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId))
                .fetchOptional(ORGANIZATIONS.NAME).orElse(null);
    }
}
