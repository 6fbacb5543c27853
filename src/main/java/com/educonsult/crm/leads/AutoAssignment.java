package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.AssignmentRequests.Rule;
import com.educonsult.crm.leads.AssignmentViews.SettingsView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assigns every new lead, from any source, as the organization's settings say: to the users of the first
 * rule matching its source or platform, else to the lead-taking users of its branch (per branch) or of the
 * organization. Runs in the transaction that creates the lead; the scope's round-robin row is locked until
 * that transaction ends, so concurrent creates take turns one after the other.
 */
@Service
class AutoAssignment {

    private final DSLContext db;
    private final AutoAssignmentSettings settings;
    private final Assignments assignments;
    private final AssignmentCursors cursors;
    private final Workloads workloads;
    private final UserDirectory users;

    AutoAssignment(DSLContext db, AutoAssignmentSettings settings, Assignments assignments,
            AssignmentCursors cursors, Workloads workloads, UserDirectory users) {
        this.db = db;
        this.settings = settings;
        this.assignments = assignments;
        this.cursors = cursors;
        this.workloads = workloads;
        this.users = users;
    }

    @EventListener
    @Transactional
    public void on(LeadEvents.LeadCreated created) {
        assignNew(created.organizationId(), created.leadId());
    }

    /** Whether the creation of a lead of the organization may assign it (the mode is not off). */
    boolean assignsNewLeads(UUID organizationId) {
        return !"off".equals(settings.get(organizationId).mode());
    }

    /** Assigns the lead when it has no owner and the mode is not off; answers the assignee, if any. */
    @Transactional
    Optional<UUID> assignNew(UUID organizationId, UUID leadId) {
        SettingsView chosen = settings.get(organizationId);
        if ("off".equals(chosen.mode())) {
            return Optional.empty();
        }
        Record lead = db.select(LEADS.ASSIGNED_TO, LEADS.BRANCH_ID, LEADS.SOURCE, LEADS.PLATFORM).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId), LeadScope.notDeleted())
                .forNoKeyUpdate()
                .fetchOne();
        if (lead == null || lead.get(LEADS.ASSIGNED_TO) != null) {
            return Optional.empty();
        }
        Pool pool = pool(organizationId, chosen, lead.get(LEADS.SOURCE), lead.get(LEADS.PLATFORM),
                lead.get(LEADS.BRANCH_ID));
        if (pool.users().isEmpty()) {
            return Optional.empty();
        }
        UUID last = cursors.lock(organizationId, pool.scopeKey());
        Map<UUID, Integer> load = AssignmentStrategy.LeastLoaded.CODE.equals(chosen.mode())
                ? workloads.activeLoad(organizationId, pool.users()) : Map.of();
        AssignmentStrategy strategy = AssignmentStrategy.of(chosen.mode(), pool.users(), last, load, null);
        Optional<UUID> assignee = strategy.next();
        assignee.ifPresent(user -> {
            cursors.advance(organizationId, pool.scopeKey(), user);
            assignments.apply(new Assignments.Change(organizationId, leadId, null, user, null, "auto",
                    strategy.code(), null, null));
        });
        return assignee;
    }

    /** A lead created in bulk, as automatic assignment sees it. */
    record NewLead(UUID id, UUID branchId, String source, String platform) {
    }

    /** Who a new lead goes to, and by which strategy. */
    record Choice(UUID userId, String strategy) {
    }

    /**
     * The assignees of many new leads, in their order, as assigning them one after the other would choose: each
     * scope's turn is locked once and advanced once, and the users of each pool are read once.
     */
    @Transactional
    Map<UUID, Choice> planNew(UUID organizationId, List<NewLead> leads) {
        SettingsView chosen = settings.get(organizationId);
        if ("off".equals(chosen.mode())) {
            return Map.of();
        }
        Map<String, Pool> pools = new java.util.HashMap<>();
        Map<UUID, Pool> poolOf = new java.util.LinkedHashMap<>();
        for (NewLead lead : leads) {
            UUID branchId = chosen.perBranch() ? lead.branchId() : null;
            String key = lead.source() + "|" + lead.platform() + "|" + branchId;
            poolOf.put(lead.id(), pools.computeIfAbsent(key, k -> pool(organizationId, chosen, lead.source(),
                    lead.platform(), lead.branchId())));
        }
        // each scope's turn locked once, in scope order, so that two bulk assignments cannot deadlock
        Map<String, AssignmentStrategy> strategies = new java.util.TreeMap<>();
        poolOf.values().stream().filter(pool -> !pool.users().isEmpty()).distinct()
                .sorted(java.util.Comparator.comparing(Pool::scopeKey))
                .forEach(pool -> strategies.computeIfAbsent(pool.scopeKey(), scope -> AssignmentStrategy.of(
                        chosen.mode(), pool.users(), cursors.lock(organizationId, scope),
                        AssignmentStrategy.LeastLoaded.CODE.equals(chosen.mode())
                                ? workloads.activeLoad(organizationId, pool.users()) : Map.of(), null)));
        Map<UUID, Choice> choices = new java.util.HashMap<>();
        poolOf.forEach((leadId, pool) -> {
            AssignmentStrategy strategy = strategies.get(pool.scopeKey());
            if (strategy != null) {
                strategy.next().ifPresent(user -> choices.put(leadId, new Choice(user, strategy.code())));
            }
        });
        strategies.forEach((scope, strategy) -> {
            if (strategy instanceof AssignmentStrategy.RoundRobin roundRobin && roundRobin.last() != null) {
                cursors.advance(organizationId, scope, roundRobin.last());
            }
        });
        return choices;
    }

    private record Pool(String scopeKey, List<UUID> users) {
    }

    private Pool pool(UUID organizationId, SettingsView chosen, String source, String platform, UUID leadBranchId) {
        UUID branchId = chosen.perBranch() ? leadBranchId : null;
        for (Rule rule : chosen.rules()) {
            boolean matches = rule.source() != null
                    ? source != null && rule.source().equalsIgnoreCase(source.trim())
                    : rule.platform().equals(platform);
            if (matches) {
                // a rule whose users are all away leaves the lead to the default pool
                List<UUID> active = users.findAll(organizationId, rule.userIds()).values().stream()
                        .filter(UserSummary::active)
                        .filter(u -> branchId == null || branchId.equals(u.branchId()))
                        .map(UserSummary::id).toList();
                String key = rule.source() != null ? "source:" + rule.source().toLowerCase(Locale.ROOT)
                        : "platform:" + rule.platform();
                if (!active.isEmpty()) {
                    return new Pool(branchId == null ? key : AssignmentCursors.branchScope(branchId) + ":" + key,
                            active);
                }
                break;
            }
        }
        List<UUID> team = users.activeWithRoles(organizationId, Workloads.LEAD_TAKING_ROLES, branchId).stream()
                .map(UserSummary::id).toList();
        return new Pool(branchId == null ? AssignmentCursors.organizationScope()
                : AssignmentCursors.branchScope(branchId), team);
    }
}
