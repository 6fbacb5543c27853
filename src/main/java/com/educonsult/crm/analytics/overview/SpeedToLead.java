package com.educonsult.crm.analytics.overview;

import static com.educonsult.crm.jooq.Tables.LEAD_RESPONSES;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.leads.LeadVisibility;
import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Speed to lead of the leads created in a range, from the rows the writes keep per live lead (V41): the seconds from
 * creation to the first outgoing call synced from a phone or first message sent, as exact median and 90th
 * percentile, per counselor (the lead's assignee now), branch and source, and the leads still waiting.
 */
@Component
class SpeedToLead {

    /** The groups of one reading: overall, per counselor, per branch and per source (ids; names come later). */
    record Groups(Overview.SpeedToLead overall, List<Overview.SpeedToLead> byCounselor,
            List<Overview.SpeedToLead> byBranch, List<Overview.SpeedToLead> bySource) {
    }

    /** A waiting lead as read (its name comes from the leads module). */
    record Waiting(UUID leadId, OffsetDateTime createdAt, UUID ownerId) {
    }

    private final ReadReplica reads;

    SpeedToLead(ReadReplica reads) {
        this.reads = reads;
    }

    Groups of(CurrentUser user, AnalyticsRange range, Overview.Filter filter) {
        Field<Integer> leads = DSL.count();
        Condition answered = LEAD_RESPONSES.RESPONDED_AT.isNotNull();
        Field<Integer> responded = DSL.count().filterWhere(answered);
        Field<BigDecimal> median = DSL.percentileCont(0.5).withinGroupOrderBy(LEAD_RESPONSES.RESPONSE_SECONDS)
                .filterWhere(answered);
        Field<BigDecimal> p90 = DSL.percentileCont(0.9).withinGroupOrderBy(LEAD_RESPONSES.RESPONSE_SECONDS)
                .filterWhere(answered);
        Field<Integer> byOwner = DSL.grouping(LEAD_RESPONSES.OWNER_ID);
        Field<Integer> byBranch = DSL.grouping(LEAD_RESPONSES.BRANCH_ID);
        Field<Integer> bySource = DSL.grouping(LEAD_RESPONSES.SOURCE);
        List<Overview.SpeedToLead> counselors = new ArrayList<>();
        List<Overview.SpeedToLead> branches = new ArrayList<>();
        List<Overview.SpeedToLead> sources = new ArrayList<>();
        Overview.SpeedToLead[] overall = {new Overview.SpeedToLead(null, null, 0, 0, 0, null, null)};
        reads.read(db -> inMemory(db).select(LEAD_RESPONSES.OWNER_ID, LEAD_RESPONSES.BRANCH_ID,
                        LEAD_RESPONSES.SOURCE, byOwner, byBranch, bySource, leads, responded, median, p90)
                .from(LEAD_RESPONSES)
                .where(inRange(user, range, filter))
                .groupBy(DSL.groupingSets(List.of(LEAD_RESPONSES.OWNER_ID), List.of(LEAD_RESPONSES.BRANCH_ID),
                        List.of(LEAD_RESPONSES.SOURCE), List.of()))
                .fetch())
                .forEach(r -> {
                    boolean owner = r.get(byOwner) == 0;
                    boolean branch = r.get(byBranch) == 0;
                    boolean source = r.get(bySource) == 0;
                    if (owner) {
                        counselors.add(group(r, r.get(LEAD_RESPONSES.OWNER_ID), null, leads, responded, median, p90));
                    } else if (branch) {
                        branches.add(group(r, r.get(LEAD_RESPONSES.BRANCH_ID), null, leads, responded, median, p90));
                    } else if (source) {
                        sources.add(group(r, null, r.get(LEAD_RESPONSES.SOURCE), leads, responded, median, p90));
                    } else {
                        overall[0] = group(r, null, null, leads, responded, median, p90);
                    }
                });
        return new Groups(overall[0], counselors, branches, sources);
    }

    /**
     * The percentiles sort the range's response times once per grouping; a working memory that holds a large
     * organization's quarter (some 200,000 rows) keeps those sorts off the disk.
     */
    private static DSLContext inMemory(DSLContext db) {
        db.execute("set local work_mem = '64MB'");
        return db;
    }

    /** The oldest leads of the range still waiting for a first response, through the index of waiting leads. */
    List<Waiting> waiting(CurrentUser user, AnalyticsRange range, Overview.Filter filter, int limit) {
        return reads.read(db -> db.select(LEAD_RESPONSES.LEAD_ID, LEAD_RESPONSES.CREATED_AT, LEAD_RESPONSES.OWNER_ID)
                .from(LEAD_RESPONSES)
                .where(inRange(user, range, filter), LEAD_RESPONSES.RESPONDED_AT.isNull())
                .orderBy(LEAD_RESPONSES.CREATED_AT, LEAD_RESPONSES.LEAD_ID)
                .limit(limit)
                .fetch(r -> new Waiting(r.value1(), r.value2(), r.value3())));
    }

    /** Live leads within the caller's scope waiting for a first response since before {@code createdBefore}. */
    long waitingSince(CurrentUser user, Instant createdBefore) {
        return reads.read(db -> db.fetchCount(LEAD_RESPONSES, scope(user), LEAD_RESPONSES.DELETED.isFalse(),
                LEAD_RESPONSES.RESPONDED_AT.isNull(),
                LEAD_RESPONSES.CREATED_AT.lt(createdBefore.atOffset(ZoneOffset.UTC))));
    }

    private static Condition inRange(CurrentUser user, AnalyticsRange range, Overview.Filter filter) {
        return scope(user).and(LEAD_RESPONSES.DELETED.isFalse())
                .and(LEAD_RESPONSES.CREATED_AT.ge(range.start().atOffset(ZoneOffset.UTC)))
                .and(LEAD_RESPONSES.CREATED_AT.lt(range.end().atOffset(ZoneOffset.UTC)))
                .and(FilterConditions.onResponses(filter));
    }

    private static Condition scope(CurrentUser user) {
        return LeadVisibility.of(user, LEAD_RESPONSES.ORGANIZATION_ID, LEAD_RESPONSES.BRANCH_ID,
                LEAD_RESPONSES.OWNER_ID);
    }

    private static Overview.SpeedToLead group(Record r, UUID id, String name, Field<Integer> leads,
            Field<Integer> responded, Field<BigDecimal> median, Field<BigDecimal> p90) {
        int all = r.get(leads);
        int answered = r.get(responded);
        return new Overview.SpeedToLead(id, name, all, answered, all - answered, seconds(r.get(median)),
                seconds(r.get(p90)));
    }

    private static Double seconds(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
