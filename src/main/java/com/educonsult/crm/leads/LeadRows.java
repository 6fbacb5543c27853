package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Reads lead rows within the caller's scope: every column but the generated search vector. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class LeadRows {

    static final List<Field<?>> COLUMNS = Arrays.stream(LEADS.fields()).filter(f -> !f.equals(LEADS.SEARCH)).toList();

    private final DSLContext db;

    LeadRows(DSLContext db) {
        this.db = db;
    }

    /** The live lead within the user's scope; 404 otherwise, like another organization's. */
    LeadsRecord visible(CurrentUser user, UUID leadId) {
        return fetch(LeadScope.visibleAndLive(user).and(LEADS.ID.eq(leadId)), false);
    }

    /** The lead within the user's scope, live or deleted; 404 otherwise. */
    LeadsRecord visibleOrDeleted(CurrentUser user, UUID leadId) {
        return fetch(LeadScope.visibleTo(user).and(LEADS.ID.eq(leadId)), false);
    }

    /**
     * The same, locked until the transaction ends: changes of one lead happen one after the other. A no-key lock
     * (see {@link LeadDirectory#lockVisible}): a key-share lock that an insert referring to the lead holds does
     * not block it, so a transaction that inserted a note before locking cannot deadlock with one that waits here.
     */
    LeadsRecord lockVisible(CurrentUser user, UUID leadId) {
        return fetch(LeadScope.visibleAndLive(user).and(LEADS.ID.eq(leadId)), true);
    }

    /** A deleted lead within the user's scope, locked, for restoring. */
    LeadsRecord lockDeleted(CurrentUser user, UUID leadId) {
        return fetch(LeadScope.visibleTo(user).and(LEADS.ID.eq(leadId)).and(LEADS.DELETED_AT.isNotNull()), true);
    }

    List<LeadsRecord> where(Condition condition) {
        return db.select(COLUMNS).from(LEADS).where(condition).fetchInto(LEADS);
    }

    private LeadsRecord fetch(Condition condition, boolean lock) {
        var query = db.select(COLUMNS).from(LEADS).where(condition);
        var result = lock ? query.forNoKeyUpdate().fetchOptionalInto(LEADS) : query.fetchOptionalInto(LEADS);
        return result.orElseThrow(() -> ApiException.notFound("Lead"));
    }
}
