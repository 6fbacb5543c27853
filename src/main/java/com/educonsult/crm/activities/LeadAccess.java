package com.educonsult.crm.activities;

import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/** Which leads the caller may work on, as the leads module decides: one lead, or a condition for lists. */
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

    Condition inScope(CurrentUser user, Field<UUID> leadId) {
        return leads.visibleLead(user, leadId);
    }
}
