package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Which leads a user may see, as SQL: the whole organization (admin), their branch (manager: leads of the
 * branch or assigned to them), or the leads assigned to them (counselor, agent). Always with the tenant.
 */
final class LeadScope {

    private LeadScope() {
    }

    static Condition visibleTo(CurrentUser user) {
        return visibleTo(user, LEADS.ORGANIZATION_ID, LEADS.BRANCH_ID, LEADS.ASSIGNED_TO);
    }

    /** The same rule over any table that records a lead's organization, branch and assignee. */
    static Condition visibleTo(CurrentUser user, Field<UUID> organization, Field<UUID> branch, Field<UUID> assignee) {
        Condition tenant = organization.eq(user.organizationId());
        return switch (user.dataScope()) {
            case ALL -> tenant;
            case BRANCH -> tenant.and(user.branchId() == null
                    ? assignee.eq(user.userId())
                    : branch.eq(user.branchId()).or(assignee.eq(user.userId())));
            case OWN -> tenant.and(assignee.eq(user.userId()));
        };
    }

    /** {@link #visibleTo(CurrentUser)} for a lead of the user's organization already read: the same rule. */
    static boolean sees(CurrentUser user, UUID branchId, UUID assignedTo) {
        boolean own = user.userId() != null && user.userId().equals(assignedTo);
        return switch (user.dataScope()) {
            case ALL -> true;
            case BRANCH -> own || user.branchId() != null && user.branchId().equals(branchId);
            case OWN -> own;
        };
    }

    static Condition notDeleted() {
        return LEADS.DELETED_AT.isNull();
    }

    static Condition visibleAndLive(CurrentUser user) {
        return DSL.and(visibleTo(user), notDeleted());
    }
}
