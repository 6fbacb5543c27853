package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.platform.security.CurrentUser;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Which leads a user may see, as SQL: the whole organization (admin), their branch (manager: leads of the
 * branch or assigned to them), or the leads assigned to them (counselor, agent). Always with the tenant.
 */
final class LeadScope {

    private LeadScope() {
    }

    static Condition visibleTo(CurrentUser user) {
        Condition tenant = LEADS.ORGANIZATION_ID.eq(user.organizationId());
        return switch (user.dataScope()) {
            case ALL -> tenant;
            case BRANCH -> tenant.and(user.branchId() == null
                    ? LEADS.ASSIGNED_TO.eq(user.userId())
                    : LEADS.BRANCH_ID.eq(user.branchId()).or(LEADS.ASSIGNED_TO.eq(user.userId())));
            case OWN -> tenant.and(LEADS.ASSIGNED_TO.eq(user.userId()));
        };
    }

    static Condition notDeleted() {
        return LEADS.DELETED_AT.isNull();
    }

    static Condition visibleAndLive(CurrentUser user) {
        return DSL.and(visibleTo(user), notDeleted());
    }
}
