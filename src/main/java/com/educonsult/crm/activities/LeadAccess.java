package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Which leads the caller may work on. One lead is asked of the leads module; lists need the data scope as SQL,
 * which the leads module does not offer yet, so {@link #inScope} mirrors its rule (admin: organization,
 * manager: branch or own, counselor and agent: own; never deleted leads) as a sub-select on lead ids.
 */
@Component
class LeadAccess {

    private final LeadDirectory leads;

    LeadAccess(LeadDirectory leads) {
        this.leads = leads;
    }

    /** The lead when the user may see it; 404 otherwise, the same as another organization's lead. */
    LeadSummary visible(CurrentUser user, UUID leadId) {
        return leads.findVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead"));
    }

    static Condition inScope(CurrentUser user, Field<UUID> leadId) {
        Condition scope = switch (user.dataScope()) {
            case ALL -> DSL.noCondition();
            case BRANCH -> user.branchId() == null
                    ? LEADS.ASSIGNED_TO.eq(user.userId())
                    : LEADS.BRANCH_ID.eq(user.branchId()).or(LEADS.ASSIGNED_TO.eq(user.userId()));
            case OWN -> LEADS.ASSIGNED_TO.eq(user.userId());
        };
        return leadId.in(DSL.select(LEADS.ID).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(user.organizationId()), LEADS.DELETED_AT.isNull(), scope));
    }
}
