package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * The lead list's scope rule for other modules' tables that record a lead's organization, branch and assignee (for
 * example the analytics facts of leads): the same condition the lead list applies, never a second copy of it.
 */
public final class LeadVisibility {

    private LeadVisibility() {
    }

    public static Condition of(CurrentUser user, Field<UUID> organization, Field<UUID> branch, Field<UUID> assignee) {
        return LeadScope.visibleTo(user, organization, branch, assignee);
    }
}
