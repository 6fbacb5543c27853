package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.AssignmentViews.UserWorkload;
import com.educonsult.crm.leads.AssignmentViews.WorkloadStats;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many leads each user carries: in total, still active (not in a won or lost status) and closed (won or
 * lost). Feeds the least-loaded strategy and the workload statistics.
 */
@Service
public class Workloads {

    /** The roles that take leads when no user set is given. */
    static final List<String> LEAD_TAKING_ROLES = List.of("counselor", "agent");

    private static final Condition CLOSED = LEAD_STATUSES.IS_WON.isTrue().or(LEAD_STATUSES.IS_LOST.isTrue());

    private final DSLContext db;
    private final UserDirectory users;

    Workloads(DSLContext db, UserDirectory users) {
        this.db = db;
        this.users = users;
    }

    /** Active leads per user among the given users, across the organization (missing: none). */
    @Transactional(readOnly = true)
    Map<UUID, Integer> activeLoad(UUID organizationId, Collection<UUID> userIds) {
        Map<UUID, Integer> load = new HashMap<>();
        if (userIds.isEmpty()) {
            return load;
        }
        db.select(LEADS.ASSIGNED_TO, DSL.count())
                .from(LEADS)
                .join(LEAD_STATUSES).on(LEAD_STATUSES.ORGANIZATION_ID.eq(LEADS.ORGANIZATION_ID),
                        LEAD_STATUSES.ID.eq(LEADS.STATUS_ID))
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LeadScope.notDeleted(),
                        LEADS.ASSIGNED_TO.in(userIds), DSL.not(CLOSED))
                .groupBy(LEADS.ASSIGNED_TO)
                .forEach(r -> load.put(r.value1(), r.value2()));
        return load;
    }

    /**
     * The workload within the caller's scope: the lead-taking users of the scope (an admin's organization, a
     * manager's branch) with or without leads, and anyone else who owns leads the caller can see.
     */
    @Transactional(readOnly = true)
    public WorkloadStats stats(CurrentUser actor) {
        Condition scope = LeadScope.visibleAndLive(actor);
        long unassigned = db.fetchCount(LEADS, scope.and(LEADS.ASSIGNED_TO.isNull()));
        Field<Integer> assigned = DSL.count().as("assigned");
        Field<Integer> closed = DSL.count().filterWhere(CLOSED).as("closed");
        Map<UUID, Record> counts = new HashMap<>();
        db.select(LEADS.ASSIGNED_TO, assigned, closed)
                .from(LEADS)
                .join(LEAD_STATUSES).on(LEAD_STATUSES.ORGANIZATION_ID.eq(LEADS.ORGANIZATION_ID),
                        LEAD_STATUSES.ID.eq(LEADS.STATUS_ID))
                .where(scope, LEADS.ASSIGNED_TO.isNotNull())
                .groupBy(LEADS.ASSIGNED_TO)
                .forEach(r -> counts.put(r.get(LEADS.ASSIGNED_TO), r));
        UUID branch = actor.dataScope() == DataScope.BRANCH ? actor.branchId() : null;
        Set<UUID> ids = new LinkedHashSet<>();
        if (actor.dataScope() != DataScope.BRANCH || branch != null) {
            users.activeWithRoles(actor.organizationId(), LEAD_TAKING_ROLES, branch).forEach(u -> ids.add(u.id()));
        }
        ids.addAll(counts.keySet());
        Map<UUID, UserSummary> named = users.findAll(actor.organizationId(), ids);
        List<UserWorkload> rows = ids.stream().map(id -> {
            Record r = counts.get(id);
            long total = r == null ? 0 : r.get(assigned);
            long done = r == null ? 0 : r.get(closed);
            UserSummary user = named.get(id);
            return new UserWorkload(id, user == null ? null : user.fullName(), user == null ? null : user.email(),
                    user == null ? null : user.branchId(), total, total - done, done);
        }).sorted(Comparator.comparingLong(UserWorkload::assignedLeads).reversed()
                .thenComparing(UserWorkload::id, AssignmentStrategy.BY_ID)).toList();
        long totalAssigned = rows.stream().mapToLong(UserWorkload::assignedLeads).sum();
        BigDecimal average = rows.isEmpty() ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(totalAssigned).divide(BigDecimal.valueOf(rows.size()), 2, RoundingMode.HALF_UP);
        return new WorkloadStats(unassigned, rows, rows.size(), average);
    }
}
