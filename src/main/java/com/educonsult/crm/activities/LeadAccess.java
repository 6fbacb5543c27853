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

    /**
     * The lead a new record refers to (a task's or an activity's lead_id): 422 naming the field when it is not a
     * lead the user may see, whether unknown, of another organization or outside their scope. The lead's row
     * is locked first, as every write to a lead and what hangs on it does ({@link LeadDirectory#lockVisible}).
     */
    LeadSummary referenced(CurrentUser user, UUID leadId, String field) {
        return leads.lockVisible(user, leadId)
                .orElseThrow(() -> ApiException.invalid(field, "is not a lead of the organization you can see"));
    }

    /** The lead when the user may see it, its row locked first for a write (see {@link #referenced}); 404 otherwise. */
    LeadSummary forWriting(CurrentUser user, UUID leadId) {
        return leads.lockVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead"));
    }

    /** Locks the row of the lead a task or note belongs to, before the task or note is changed. */
    void lock(UUID organizationId, UUID leadId) {
        leads.lock(organizationId, leadId);
    }

    Condition inScope(CurrentUser user, Field<UUID> leadId) {
        return leads.visibleLead(user, leadId);
    }
}
