package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of and tell about leads. Callers run inside a transaction of the organization. */
public interface LeadDirectory {

    /** The lead, when it exists, is not deleted and lies within the user's data scope; otherwise empty. */
    Optional<LeadSummary> findVisible(CurrentUser user, UUID leadId);

    /** The leads among the ids that exist, are not deleted and lie within the user's data scope, by id. */
    java.util.Map<UUID, LeadSummary> findAllVisible(CurrentUser user, java.util.Collection<UUID> leadIds);

    /**
     * The same, its row locked until the transaction ends. Every write to a lead or to what hangs on it (stages,
     * notes, tasks, activities, assignments) takes this lock first, before touching any other row, so concurrent
     * writes to one lead queue in one order instead of deadlocking. A no-key lock: inserts that refer to the lead
     * are not blocked by it.
     */
    Optional<LeadSummary> lockVisible(CurrentUser user, UUID leadId);

    /** Locks a lead's row as {@link #lockVisible} does, regardless of who asks; nothing when it does not exist. */
    void lock(UUID organizationId, UUID leadId);

    /**
     * For list queries of other modules: a condition on their lead id column that holds for live leads within
     * the user's data scope (a sub-select on leads, so the scope stays the leads module's rule).
     */
    Condition visibleLead(CurrentUser user, Field<UUID> leadIdColumn);

    /** The lead, when it exists and is not deleted, regardless of who asks (jobs, ingestion). */
    Optional<LeadSummary> find(UUID organizationId, UUID leadId);

    /**
     * Moves a lead the user may see to another status by the pipeline's rules, as the status endpoints do (stage
     * history, audit, event): 404 outside the user's scope, 422 naming {@code status_id} when refused.
     */
    void changeStatus(CurrentUser user, UUID leadId, UUID statusId, String notes);

    /** Sets the lead's next follow-up (the earliest open follow-up task), or clears it with null. */
    void setNextFollowUp(UUID organizationId, UUID leadId, OffsetDateTime nextFollowUp, String reminderNote);

    /** Records that someone was in touch with the lead at the given time (keeps the latest). */
    void recordContact(UUID organizationId, UUID leadId, OffsetDateTime at);

    /** Ids of live leads of the organization with the given engagement that were created before the cutoff. */
    java.util.List<UUID> withEngagementCreatedBefore(UUID organizationId, String engagement, OffsetDateTime cutoff);

    /**
     * Live leads of the organization whose primary or secondary phone is one of the E.164 numbers, by number
     * (the oldest lead when several share one).
     */
    java.util.Map<String, UUID> findByPhones(UUID organizationId, java.util.Collection<String> e164);

    /** Sets the engagement of several leads in one statement; only those whose engagement changes are locked and written. */
    void setEngagements(UUID organizationId, java.util.Map<UUID, String> engagementByLead);

    /**
     * Sets the engagement of several leads by the end of the transaction: leads whose call statistics are added
     * later in the same transaction get it in that statement (one lock and one write per lead), the others just
     * before commit, as {@link #setEngagements}. Outside a transaction it is written at once.
     */
    void setEngagementsAtCommit(UUID organizationId, java.util.Map<UUID, String> engagementByLead);

    /**
     * One lead's share of a batch of synced calls: how many, how many were attempts, and the last call's duration
     * and time; {@code lastContactAt} is the latest connected call, null for none.
     */
    record CallStatistics(UUID leadId, int calls, int attempts, int lastDuration, OffsetDateTime lastCallAt,
            OffsetDateTime lastContactAt) {
    }

    /**
     * Adds a batch's calls to the leads' statistics: the leads' rows are locked in id order (so concurrent
     * batches cannot deadlock), then all are updated by one statement, so concurrent syncs add up exactly. The
     * last call's duration and time move only when the batch's last call is later than the stored one, and the
     * last contact only when the batch's latest connected call is later.
     */
    void addCallStatistics(UUID organizationId, java.util.Collection<CallStatistics> perLead);
}
