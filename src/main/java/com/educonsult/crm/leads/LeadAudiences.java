package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Audiences for bulk messages: the leads a lead list shows for its filters, within the user's scope, as SQL another
 * module runs inside its own statement (a campaign snapshots its recipients with one insert ... select), and how
 * many there are, counted as the list counts them.
 */
@Service
public class LeadAudiences {

    /** How many leads an audience holds; {@code estimated} when the list would estimate it too. */
    public record Count(long count, boolean estimated) {
    }

    private final LeadSearch search;
    private final DSLContext db;

    LeadAudiences(LeadSearch search, DSLContext db) {
        this.search = search;
        this.db = db;
    }

    /**
     * The live leads of the filters the user may see, as (lead id, full name, phone, email, created_at); phones are
     * E.164, emails lower case. Checks the filters now (422 naming the filter); the select runs later, in the
     * caller's transaction.
     */
    @Transactional(readOnly = true)
    public Select<Record5<UUID, String, String, String, OffsetDateTime>> select(CurrentUser user,
            LeadListParams filters) {
        Condition condition = search.audience(user, audienceFilter(filters));
        Field<String> name = DSL.trim(DSL.concat(LEADS.FIRST_NAME, DSL.inline(" "),
                DSL.coalesce(LEADS.LAST_NAME, DSL.inline(""))));
        return db.select(LEADS.ID, name, LEADS.PHONE, LEADS.EMAIL, LEADS.CREATED_AT).from(LEADS).where(condition);
    }

    /** How many leads the lead list shows for the filters (the same total, exact up to ten thousand). */
    @Transactional(readOnly = true)
    public Count count(CurrentUser user, LeadListParams filters) {
        var total = search.total(user, audienceFilter(filters));
        return new Count(total.count(), total.estimated());
    }

    /** The exact number of leads of the filters, however many (for launching). */
    @Transactional(readOnly = true)
    public long exactCount(CurrentUser user, LeadListParams filters) {
        return db.fetchCount(select(user, filters));
    }

    /**
     * A condition true for a lead (by the given lead id field) that entered a won status of its organization's
     * pipeline at or after {@code since}: a conversion, for a campaign's statistics.
     */
    public Condition wonSince(UUID organizationId, Field<UUID> leadId, OffsetDateTime since) {
        return DSL.exists(DSL.selectOne().from(LEAD_STAGES)
                .join(LEAD_STATUSES).on(LEAD_STATUSES.ORGANIZATION_ID.eq(LEAD_STAGES.ORGANIZATION_ID),
                        LEAD_STATUSES.ID.eq(LEAD_STAGES.STATUS_ID))
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.LEAD_ID.eq(leadId),
                        LEAD_STAGES.ENTERED_AT.ge(since), LEAD_STATUSES.IS_WON.isTrue()));
    }

    /** The filters without paging, order, ids or deleted leads: an audience is live leads matching filters. */
    private static LeadFilter audienceFilter(LeadListParams p) {
        return LeadFilter.of(p.status(), p.source(), p.platform(), p.priority(), p.engagement(), p.assignedTo(),
                p.branchId(), p.tags(), p.createdFrom(), p.createdTo(), p.followUpFrom(), p.followUpTo(),
                p.notContacted(), p.search(), null, null, null, null);
    }
}
