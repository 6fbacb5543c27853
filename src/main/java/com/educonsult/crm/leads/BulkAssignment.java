package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.AssignmentViews.BulkAssigned;
import com.educonsult.crm.leads.AssignmentViews.BulkResult;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares many leads among a set of users by round robin or least loaded. The leads are those of the caller's
 * scope that match the filter (by default only unassigned ones), oldest first; the users default to the
 * active counselors and agents of the scope. Round robin continues the turn of the scope.
 */
@Service
class BulkAssignment {

    private final DSLContext db;
    private final Assignments assignments;
    private final AssignmentCursors cursors;
    private final Workloads workloads;
    private final UserDirectory users;

    BulkAssignment(DSLContext db, Assignments assignments, AssignmentCursors cursors, Workloads workloads,
            UserDirectory users) {
        this.db = db;
        this.assignments = assignments;
        this.cursors = cursors;
        this.workloads = workloads;
        this.users = users;
    }

    @Transactional
    BulkResult assign(CurrentUser actor, AssignmentRequests.BulkAssign request) {
        AssignmentRequests.LeadFilter filter = request.filterOrDefault();
        if (filter.createdFrom() != null && filter.createdTo() != null
                && filter.createdTo().isBefore(filter.createdFrom())) {
            throw ApiException.invalid("filter.created_to", "must not be before created_from");
        }
        UUID scopeBranch = actor.dataScope() == DataScope.BRANCH ? actor.branchId() : filter.branchId();
        List<UUID> team = team(actor, request.userIds(), scopeBranch);
        List<Record2<UUID, UUID>> leads = db.select(LEADS.ID, LEADS.ASSIGNED_TO).from(LEADS)
                .where(LeadScope.visibleAndLive(actor), matching(filter))
                .orderBy(LEADS.CREATED_AT, LEADS.ID)
                .limit(request.limitOrDefault())
                .forNoKeyUpdate()
                .fetch();
        String scopeKey = scopeBranch == null ? AssignmentCursors.organizationScope()
                : AssignmentCursors.branchScope(scopeBranch);
        UUID last = cursors.lock(actor.organizationId(), scopeKey);
        AssignmentStrategy strategy = AssignmentStrategy.of(request.strategy(), team, last,
                AssignmentStrategy.LeastLoaded.CODE.equals(request.strategy())
                        ? workloads.activeLoad(actor.organizationId(), team) : Map.of(),
                request.maxPerUser());
        List<BulkAssigned> done = new ArrayList<>();
        Map<UUID, Integer> perUser = new TreeMap<>(AssignmentStrategy.BY_ID);
        for (Record2<UUID, UUID> lead : leads) {
            Optional<UUID> next = strategy.next();
            if (next.isEmpty()) {
                break;
            }
            UUID assignee = next.get();
            UUID previous = lead.value2();
            if (!assignee.equals(previous)) {
                assignments.apply(new Assignments.Change(actor.organizationId(), lead.value1(), previous, assignee,
                        actor.userId(), "bulk", strategy.code(), request.reason(), null));
            }
            done.add(new BulkAssigned(lead.value1(), assignee));
            perUser.merge(assignee, 1, Integer::sum);
        }
        if (strategy instanceof AssignmentStrategy.RoundRobin roundRobin && roundRobin.last() != null) {
            cursors.advance(actor.organizationId(), scopeKey, roundRobin.last());
        }
        return new BulkResult(strategy.code(), done.size(), leads.size(), perUser, done);
    }

    /** The users to share among: the given ones, each checked, or the lead-taking users of the scope. */
    private List<UUID> team(CurrentUser actor, List<UUID> userIds, UUID branchId) {
        if (userIds != null && !userIds.isEmpty()) {
            return new LinkedHashSet<>(userIds).stream()
                    .map(id -> assignments.checkedAssignee(actor, id, "user_ids").id())
                    .toList();
        }
        if (actor.dataScope() == DataScope.BRANCH && branchId == null) {
            throw ApiException.invalid("user_ids", "must be given: you belong to no branch");
        }
        List<UUID> team = users.activeWithRoles(actor.organizationId(), Workloads.LEAD_TAKING_ROLES, branchId)
                .stream().map(UserSummary::id).toList();
        if (team.isEmpty()) {
            throw ApiException.invalid("user_ids", "is needed: there are no active counselors or agents in the scope");
        }
        return team;
    }

    private static Condition matching(AssignmentRequests.LeadFilter filter) {
        return DSL.and(
                filter.unassignedOnly() ? LEADS.ASSIGNED_TO.isNull() : DSL.noCondition(),
                filter.statusIds() == null || filter.statusIds().isEmpty() ? DSL.noCondition()
                        : LEADS.STATUS_ID.in(filter.statusIds()),
                filter.sources() == null || filter.sources().isEmpty() ? DSL.noCondition()
                        : DSL.lower(LEADS.SOURCE).in(filter.sources().stream().map(s -> s.trim().toLowerCase()).toList()),
                filter.platforms() == null || filter.platforms().isEmpty() ? DSL.noCondition()
                        : LEADS.PLATFORM.in(filter.platforms()),
                filter.branchId() == null ? DSL.noCondition() : LEADS.BRANCH_ID.eq(filter.branchId()),
                filter.createdFrom() == null ? DSL.noCondition() : LEADS.CREATED_AT.ge(filter.createdFrom()),
                filter.createdTo() == null ? DSL.noCondition() : LEADS.CREATED_AT.lt(filter.createdTo()));
    }
}
