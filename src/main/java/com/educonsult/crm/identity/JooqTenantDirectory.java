package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;

import com.educonsult.crm.platform.TenantDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The organizations as the platform sees them: ids and subscription plans. */
@Component
class JooqTenantDirectory implements TenantDirectory {

    private final DSLContext db;

    JooqTenantDirectory(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<UUID> organizationIds() {
        return db.select(ORGANIZATIONS.ID).from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID).fetch(ORGANIZATIONS.ID);
    }

    @Override
    public Optional<String> planOf(UUID organizationId) {
        return db.select(ORGANIZATIONS.SUBSCRIPTION_PLAN).from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(organizationId))
                .fetchOptional(ORGANIZATIONS.SUBSCRIPTION_PLAN);
    }
}
